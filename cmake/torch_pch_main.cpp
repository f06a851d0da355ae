int main() { return 0; }  // anchor for the executables' torch precompiled header
