/* Uses only licensor.h, compiled as C: loads an offline license file and checks it.
 * usage: licensor_c_test PUBLIC_KEYS_FILE LICENSE_FILE DATA_DIR PRODUCT_ID; exit 0 when every
 * check holds. */
#include <licensor/licensor.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static int log_lines = 0;
static void count_lines(int level, const char* message, void* user) {
  (void)level;
  (void)user;
  if (strstr(message, "installed license") != NULL) ++log_lines;
}
static void ignore_state(licensor_code previous, licensor_code current, void* user) {
  (void)previous;
  (void)current;
  (void)user;
}

static char* read_text(const char* path) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return buf;
}

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s PUBLIC_KEYS LICENSE_FILE DATA_DIR PRODUCT_ID\n", argv[0]);
    return 2;
  }
  const char* keys = read_text(argv[1]);
  CHECK(keys != NULL);

  licensor_config config;
  memset(&config, 0, sizeof config);
  config.struct_size = sizeof config;
  config.public_keys_json = keys;
  config.data_dir = argv[3];
  config.product_id = argv[4];

  licensor_client* client = NULL;
  CHECK(licensor_client_open(NULL, &client) == LICENSOR_INVALID_ARGUMENT);
  licensor_config bad_keys = config;
  bad_keys.public_keys_json = "not keys";
  CHECK(licensor_client_open(&bad_keys, &client) == LICENSOR_INVALID_ARGUMENT);
  licensor_config no_product = config;
  no_product.product_id = NULL;
  CHECK(licensor_client_open(&no_product, &client) == LICENSOR_INVALID_ARGUMENT);
  /* A build of another product refuses the file. */
  licensor_config other_product = config;
  other_product.product_id = "prd_other";
  CHECK(licensor_client_open(&other_product, &client) == LICENSOR_VALID);
  if (client) {
    CHECK(licensor_load_license_file(client, argv[2]) == LICENSOR_WRONG_PRODUCT);
    CHECK(licensor_validate(client) == LICENSOR_NOT_ACTIVATED);
    licensor_client_free(client);
    client = NULL;
  }
  CHECK(licensor_client_open(&config, &client) == LICENSOR_VALID);
  if (!client) return 1;

  CHECK(licensor_validate(client) == LICENSOR_NOT_ACTIVATED);
  CHECK(licensor_load_license_file(client, "/nonexistent/license.lic") == LICENSOR_IO_ERROR);
  CHECK(licensor_load_license_file(client, NULL) == LICENSOR_INVALID_ARGUMENT);
  CHECK(licensor_set_logger(client, count_lines, NULL) == LICENSOR_VALID);
  CHECK(licensor_on_state_change(client, ignore_state, NULL) == LICENSOR_VALID);
  CHECK(licensor_set_logger(NULL, count_lines, NULL) == LICENSOR_INVALID_ARGUMENT);
  licensor_code loaded = licensor_load_license_file(client, argv[2]);
  CHECK(log_lines == 1);
  if (loaded != LICENSOR_VALID) {
    char detail[256];
    licensor_detail(client, detail, sizeof detail);
    fprintf(stderr, "load: %s: %s\n", licensor_code_name(loaded), detail);
  }
  CHECK(loaded == LICENSOR_VALID);
  CHECK(licensor_validate(client) == LICENSOR_VALID);
  CHECK(licensor_has_feature(client, "core") == 1);
  CHECK(licensor_has_feature(client, "absent") == 0);
  CHECK(licensor_has_feature(client, NULL) == 0);
  /* With no server configured, the calls that need one say so and change nothing. */
  CHECK(licensor_refresh(client) == LICENSOR_SERVER_UNREACHABLE);
  {
    char text[512];
    licensor_detail(client, text, sizeof text);
    CHECK(strstr(text, "cannot be reached") != NULL); /* for the user */
    licensor_cause(client, text, sizeof text);
    CHECK(strstr(text, "no server URL") != NULL); /* for the log */
  }
  CHECK(licensor_heartbeat_once(client) == LICENSOR_SERVER_UNREACHABLE);
  CHECK(licensor_refresh(NULL) == LICENSOR_INVALID_ARGUMENT);
  CHECK(licensor_validate(client) == LICENSOR_VALID);
  int64_t expires = 0;
  CHECK(licensor_expires_at(client, &expires) == 0); /* perpetual */
  {
    char info[2048];
    CHECK(licensor_license_info(client, info, sizeof info) < sizeof info);
    CHECK(strstr(info, "\"loaded\":true") != NULL);
    CHECK(strstr(info, "\"days_left\":null") != NULL); /* perpetual */
    CHECK(strstr(info, "\"features\":[\"core\"]") != NULL);
    CHECK(strstr(info, "\"mode\":\"OFFLINE\"") != NULL);
    CHECK(strstr(info, "\"trial\":false") != NULL);
  }

  char fingerprint[8];
  size_t needed = licensor_fingerprint(client, fingerprint, sizeof fingerprint);
  CHECK(needed == 68); /* "fp1-" + 64 hex digits, truncated safely into 8 bytes */
  CHECK(strlen(fingerprint) == 7);
  {
    /* This machine as read, with no client: its size first, then the whole object. */
    char machine[4096];
    const size_t size = licensor_collect_machine(NULL, 0);
    CHECK(size > 0 && size < sizeof machine);
    CHECK(licensor_collect_machine(machine, sizeof machine) == size);
    CHECK(strstr(machine, "\"fingerprint\":\"fp1-") != NULL);
    CHECK(strstr(machine, "\"components\":{") != NULL);
  }

  CHECK(strcmp(licensor_code_name(LICENSOR_CLOCK_TAMPERED), "CLOCK_TAMPERED") == 0);
  CHECK(strlen(licensor_code_message(LICENSOR_EXPIRED)) > 0);
  CHECK(licensor_code_is_valid(LICENSOR_OFFLINE_GRACE) == 1);
  CHECK(licensor_code_is_valid(LICENSOR_EXPIRED) == 0);
  CHECK(licensor_code_needs_activation(LICENSOR_ACTIVATION_LIMIT_REACHED) == 1);
  CHECK(licensor_code_needs_activation(LICENSOR_RELEASED) == 1);
  CHECK(licensor_code_needs_activation(LICENSOR_EXPIRED) == 0);
  CHECK(licensor_validate(NULL) == LICENSOR_INVALID_ARGUMENT);
  /* No license code configured: online activation is refused with a code, not a crash. */
  CHECK(licensor_activate(client) == LICENSOR_INVALID_ARGUMENT);

  licensor_client_free(client);
  licensor_client_free(NULL);

  /* The later fields: components instead of this machine's, the vendor's sentences, a timeout. */
  {
    char dir[4096], text[512];
    snprintf(dir, sizeof dir, "%s/v2", argv[3]);
    licensor_config v2 = config;
    v2.data_dir = dir;
    v2.http_timeout_ms = 2000;
    v2.components_json = "{\"mac\":\"02:42:ac:11:00:02\",\"disk\":\"S4EVNX0N\"}";
    v2.messages_json = "{\"NOT_ACTIVATED\":\"Ce poste n'est pas encore activ\u00e9.\"}";
    licensor_client* other = NULL;
    CHECK(licensor_client_open(&v2, &other) == LICENSOR_VALID);
    if (other) {
      licensor_fingerprint(other, text, sizeof text);
      CHECK(strncmp(text, "fp1-", 4) == 0);
      CHECK(licensor_load_license_file(other, argv[2]) == LICENSOR_FINGERPRINT_MISMATCH);
      CHECK(licensor_validate(other) == LICENSOR_NOT_ACTIVATED);
      licensor_client_free(other);
      other = NULL;
    }
    licensor_config words = v2;
    words.components_json = NULL;
    CHECK(licensor_client_open(&words, &other) == LICENSOR_VALID);
    if (other) {
      licensor_detail(other, text, sizeof text);
      CHECK(strcmp(text, "Ce poste n'est pas encore activ\xc3\xa9.") == 0);
      CHECK(licensor_license_info(other, text, sizeof text) == strlen("{\"loaded\":false}"));
      licensor_client_free(other);
      other = NULL;
    }
    licensor_config bad = v2;
    bad.components_json = "[1]";
    CHECK(licensor_client_open(&bad, &other) == LICENSOR_INVALID_ARGUMENT);
    bad = v2;
    bad.messages_json = "{\"NO_SUCH_CODE\":\"x\"}";
    CHECK(licensor_client_open(&bad, &other) == LICENSOR_INVALID_ARGUMENT);
    /* A program built with licensor.h 0.1 passes the smaller struct; the new fields default. */
    licensor_config old = config;
    old.struct_size = offsetof(licensor_config, http_timeout_ms);
    old.http_timeout_ms = -5; /* not read */
    old.components_json = "not read";
    CHECK(licensor_client_open(&old, &other) == LICENSOR_VALID);
    licensor_client_free(other);
  }

  /* Offline deactivation: the proof is written beside the data directory (the test's caller
     uploads it to the server), and the file is gone. */
  {
    licensor_client* leaving = NULL;
    CHECK(licensor_client_open(&config, &leaving) == LICENSOR_VALID);
    char proof[1024];
    snprintf(proof, sizeof proof, "%s.proof.json", argv[3]);
    CHECK(licensor_deactivate_offline(leaving, NULL) == LICENSOR_INVALID_ARGUMENT);
    CHECK(licensor_validate(leaving) == LICENSOR_VALID);
    CHECK(licensor_deactivate_offline(leaving, proof) == LICENSOR_VALID);
    CHECK(licensor_validate(leaving) == LICENSOR_NOT_ACTIVATED);
    CHECK(licensor_deactivate_offline(leaving, proof) == LICENSOR_NOT_ACTIVATED);
    licensor_client_free(leaving);
    CHECK(licensor_client_open(&config, &leaving) == LICENSOR_VALID); /* and after a restart */
    CHECK(licensor_validate(leaving) == LICENSOR_NOT_ACTIVATED);
    CHECK(licensor_load_license_file(leaving, argv[2]) == LICENSOR_DEACTIVATED);
    licensor_client_free(leaving);
  }
  if (failures == 0) printf("all C ABI checks passed\n");
  return failures == 0 ? 0 : 1;
}
