# Third-party dependencies, found once for the whole tree.
find_package(Threads REQUIRED)
find_package(Torch REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
pkg_check_modules(SENTENCEPIECE REQUIRED IMPORTED_TARGET sentencepiece)
# Debian's libsentencepiece bundles protobuf-lite 3.14 and exports its symbols; LibTorch needs the
# system libprotobuf 3.21. In one symbol scope whichever loads first interposes the other:
# sentencepiece first crashes libprotobuf's static initialisers at start-up, libprotobuf first makes
# sentencepiece abort on its version check. So only the module mindllm_spm_backend
# (core/tokenizer/spm_backend/) links mindllm_sentencepiece; the engine dlopen()s it with
# RTLD_LOCAL | RTLD_DEEPBIND, where sentencepiece binds to its own protobuf. Never link
# mindllm_sentencepiece into anything that links torch (torch-free tests and the bench use it as a
# reference implementation).
add_library(mindllm_sentencepiece INTERFACE)
target_link_libraries(mindllm_sentencepiece INTERFACE PkgConfig::SENTENCEPIECE)
# Executables are compiled -fPIC, not only -fPIE: a PIE that names std::cerr gets its own copy of it
# (a copy relocation), which libstdc++ constructs at start-up while its original stays raw. Inside
# the RTLD_DEEPBIND module sentencepiece binds to that raw original and crashes on its first log
# line. With -fPIC the executable reaches std::cerr through the GOT, and there is one std::cerr.
# (Qt and the torch precompiled header add -fPIC too; SentencePieceBackend checks it at run time.)
add_compile_options("$<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:-fPIC>")
find_package(SQLite3 REQUIRED)
find_package(ZLIB REQUIRED)

# CUDA paths switch on when the LibTorch found was built with CUDA.
if(TARGET torch_cuda OR TORCH_CUDA_LIBRARIES)
  set(MINDLLM_WITH_CUDA ON)
else()
  set(MINDLLM_WITH_CUDA OFF)
endif()
message(STATUS "MindLLM: LibTorch ${Torch_VERSION}, CUDA ${MINDLLM_WITH_CUDA}")

# Torch's imported target carries -D_GLIBCXX_USE_CXX11_ABI; keep it on everything that links torch.
add_library(mindllm_torch INTERFACE)
target_link_libraries(mindllm_torch INTERFACE ${TORCH_LIBRARIES})
target_compile_options(mindllm_torch INTERFACE ${TORCH_CXX_FLAGS})
if(MINDLLM_WITH_CUDA)
  target_compile_definitions(mindllm_torch INTERFACE MINDLLM_WITH_CUDA=1)
endif()

if(MINDLLM_BUILD_UI)
  find_package(Qt6 6.2 COMPONENTS Core Gui Widgets Sql Charts Test LinguistTools)
  if(NOT Qt6_FOUND)
    message(WARNING "Qt 6 not found: the desktop app and the Qt tests are switched off")
    set(MINDLLM_BUILD_UI OFF)
  endif()
endif()
if(MINDLLM_BUILD_TESTS AND NOT MINDLLM_BUILD_UI)
  # The tests use Qt Test; without Qt only the command-line tools and benchmarks build.
  find_package(Qt6 6.2 QUIET COMPONENTS Core Test)
  if(NOT Qt6Test_FOUND)
    message(WARNING "Qt 6 Test not found: tests switched off")
    set(MINDLLM_BUILD_TESTS OFF)
  endif()
endif()
if(Qt6_FOUND)
  # Torch and Qt headers clash on the 'slots' keyword.
  add_compile_definitions(QT_NO_KEYWORDS)
endif()

# Precompile the torch header once and reuse it in every torch target. GCC refuses a header
# precompiled with another -fPIC/-fPIE setting: libraries use -fPIC; executables would get -fPIE,
# or -fPIC where Qt adds it, so every torch executable (and its header) is compiled with -fPIC.
function(mindllm_use_torch_pch target)
  if(NOT TARGET mindllm_torch_pch)
    add_library(mindllm_torch_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/torch_pch.cpp)
    target_link_libraries(mindllm_torch_pch PUBLIC mindllm_torch)
    target_precompile_headers(mindllm_torch_pch PRIVATE <torch/torch.h>)
    add_executable(mindllm_torch_pch_exe ${PROJECT_SOURCE_DIR}/cmake/torch_pch_main.cpp)
    target_link_libraries(mindllm_torch_pch_exe PRIVATE mindllm_torch)
    target_precompile_headers(mindllm_torch_pch_exe PRIVATE <torch/torch.h>)
    target_compile_options(mindllm_torch_pch_exe PRIVATE -fPIC)
  endif()
  get_target_property(kind ${target} TYPE)
  if(kind STREQUAL "EXECUTABLE")
    target_precompile_headers(${target} REUSE_FROM mindllm_torch_pch_exe)
    target_compile_options(${target} PRIVATE -fPIC)
  else()
    target_precompile_headers(${target} REUSE_FROM mindllm_torch_pch)
  endif()
endfunction()
