# Use ccache when present. The torch precompiled header needs the pch sloppiness settings; the base
# dir makes paths relative, so a fresh clone in another folder (CI) reuses the cache.
find_program(MINDLLM_CCACHE ccache)
if(MINDLLM_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}
      ${MINDLLM_CCACHE})
  set(CMAKE_C_COMPILER_LAUNCHER ${CMAKE_CXX_COMPILER_LAUNCHER})
endif()
