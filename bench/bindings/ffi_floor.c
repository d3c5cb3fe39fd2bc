/* The floor under the bindings' benchmark: a C function that does nothing, called through the
 * same FFI as licensor_validate (one pointer argument, an int back). What a binding call costs
 * above this is the binding's own code; what this costs is the FFI's. */
int licensor_ffi_floor(void* client) {
  (void)client;
  return 0;
}
