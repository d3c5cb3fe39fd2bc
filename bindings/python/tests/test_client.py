"""The Python binding against a real licensord: activation, validation, features, a suspension
heard at the next heartbeat, the state listener, the logger, the vendor's sentences, and the
example app. Run by CTest (sdk.python) with LICENSOR_LIBRARY, LICENSORD and LICENSOR_HEADER set.
"""

from __future__ import annotations

import json
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request
from pathlib import Path
from typing import Any, Optional

import licensor

ADMIN_TOKEN = "lsr_python_binding_admin_token_0123456789abcd"
MACHINE = {"mac": "02:42:ac:11:00:31", "disk": "PYDISK01"}


class Licensord:
    """A licensord on loopback with an empty SQLite store, for one test class; over HTTPS with a
    certificate of its own (`self.certificate`) when `tls` is set."""

    def __init__(self, tls: bool = False) -> None:
        self.dir = tempfile.TemporaryDirectory()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
        self.certificate = self.dir.name + "/cert.pem"
        self.tls_context: Optional[ssl.SSLContext] = None
        tls_args: list[str] = []
        if tls:
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                 "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                 "-subj", "/CN=licensing.test", "-addext", "subjectAltName=IP:127.0.0.1",
                 "-keyout", self.dir.name + "/key.pem",
                 "-out", self.certificate], check=True, capture_output=True)
            self.tls_context = ssl.create_default_context(cafile=self.certificate)
            tls_args = ["--tls-cert", self.certificate, "--tls-key", self.dir.name + "/key.pem"]
        self.process = subprocess.Popen(
            [os.environ["LICENSORD"], "--data-dir", self.dir.name + "/server",
             "--listen", f"127.0.0.1:{port}", "--jobs-interval", "0", *tls_args],
            env={**os.environ, "LICENSOR_ADMIN_TOKEN": ADMIN_TOKEN},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if "listening" in line:
                break
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def api(self, method: str, path: str, body: Optional[dict] = None) -> Any:
        request = urllib.request.Request(
            self.url + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, context=self.tls_context) as answer:
            text = answer.read()
            return json.loads(text) if text else None

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.dir.cleanup()


class BindingTest(unittest.TestCase):
    server: Licensord

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = Licensord()
        cls.keys = json.dumps(cls.server.api("GET", "/v1/keys/public"))
        customer = cls.server.api("POST", "/v1/customers", {"name": "Acme"})
        cls.product = cls.server.api("POST", "/v1/products", {"name": "Widget"})
        policy = cls.server.api("POST", "/v1/policies", {
            "product_id": cls.product["id"], "name": "yearly", "deployment_mode": "HYBRID",
            "duration_days": 365, "features": ["core", "reports"],
            "heartbeat_interval_s": 3600, "max_activations": 5})
        cls.license = cls.server.api(
            "POST", "/v1/licenses", {"policy_id": policy["id"], "customer_id": customer["id"]})

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()

    def client(self, data_dir: str, **extra: Any) -> licensor.Client:
        return licensor.Client(
            product_id=self.product["id"], data_dir=data_dir, public_keys_json=self.keys,
            server_url=self.server.url, license_code=self.license["code"],
            **{"components": MACHINE, **extra})

    def test_codes_are_those_of_licensor_h(self) -> None:
        header = Path(os.environ["LICENSOR_HEADER"]).read_text()
        numbers = {name: int(n) for name, n in re.findall(r"LICENSOR_([A-Z_]+) = (\d+)", header)}
        self.assertEqual(numbers, {code.name: code.value for code in licensor.Code})
        self.assertIn("activate", licensor.code_message(licensor.Code.NOT_ACTIVATED))
        C = licensor.Code
        self.assertEqual({code for code in C if code.needs_activation},
                         {C.NOT_ACTIVATED, C.RELEASED, C.ACTIVATION_LIMIT_REACHED})

    def test_reads_this_machine_and_adds_a_component_of_its_own(self) -> None:
        machine = licensor.collect_machine()
        self.assertTrue(machine["fingerprint"].startswith("fp1-"))
        self.assertTrue(machine["components"])
        with tempfile.TemporaryDirectory() as data:
            same = self.client(data, components=machine["components"])
            self.assertEqual(same.fingerprint, machine["fingerprint"])
            same.close()
            extended = self.client(data, components={**machine["components"], "dongle": "D-42"})
            self.assertNotEqual(extended.fingerprint, machine["fingerprint"])
            extended.close()

    def test_activates_validates_and_hears_a_suspension(self) -> None:
        with tempfile.TemporaryDirectory() as data:
            client = self.client(data)
            lines: list[str] = []
            changes: list[tuple[licensor.Code, licensor.Code]] = []
            heard = threading.Event()

            def listener(previous: licensor.Code, current: licensor.Code) -> None:
                changes.append((previous, current))
                if current == licensor.Code.LICENSE_SUSPENDED:
                    heard.set()

            client.set_logger(lambda level, line: lines.append(f"{level.name} {line}"))
            self.assertEqual(client.validate(), licensor.Code.NOT_ACTIVATED)
            self.assertEqual(client.activate(), licensor.Code.VALID, client.cause())
            self.assertTrue(client.has_feature("reports"))
            self.assertFalse(client.has_feature("export"))
            info = client.info
            self.assertTrue(info.loaded)
            self.assertEqual(info.license_id, self.license["id"])
            self.assertEqual(info.mode, "HYBRID")
            self.assertEqual(info.days_left, 365)
            self.assertEqual(info.features, ["core", "reports"])
            self.assertTrue(client.fingerprint.startswith("fp1-"))

            client.on_state_change(listener)
            self.server.api("POST", f"/v1/licenses/{self.license['id']}/actions/suspend")
            try:
                self.assertEqual(client.heartbeat_once(), licensor.Code.LICENSE_SUSPENDED)
                self.assertEqual(client.validate(), licensor.Code.LICENSE_SUSPENDED)
                self.assertFalse(client.has_feature("reports"))
                self.assertIn("suspended", client.detail())
                self.assertTrue(heard.wait(10), changes)
                self.assertEqual(changes[-1], (licensor.Code.VALID,
                                               licensor.Code.LICENSE_SUSPENDED))
            finally:
                self.server.api("POST", f"/v1/licenses/{self.license['id']}/actions/reinstate")
            self.assertEqual(client.heartbeat_once(), licensor.Code.VALID, client.cause())
            self.assertEqual(client.validate(), licensor.Code.VALID)
            client.close()
            client.close()  # idempotent
            with self.assertRaises(ValueError):
                client.validate()
            log = "\n".join(lines)
            self.assertIn("INFO POST /v1/client/activate: HTTP 201", log)
            self.assertNotIn(self.license["code"], log)

    def test_a_trial_deactivated_offline_frees_its_slot(self) -> None:
        trial = self.server.api("POST", "/v1/policies", {
            "product_id": self.product["id"], "name": "trial", "deployment_mode": "HYBRID",
            "duration_days": 14, "trial": True, "features": ["core"], "max_activations": 1})
        license = self.server.api("POST", "/v1/licenses", {
            "policy_id": trial["id"], "customer_id": self.license["customer_id"]})
        with tempfile.TemporaryDirectory() as data:
            client = licensor.Client(
                product_id=self.product["id"], data_dir=data, public_keys_json=self.keys,
                server_url=self.server.url, license_code=license["code"].lower(),
                components=MACHINE)
            self.assertEqual(client.activate(), licensor.Code.VALID, client.cause())
            self.assertTrue(client.info.trial)
            self.assertEqual(client.info.days_left, 14)
            fingerprint = client.fingerprint
            proof = Path(data) / "proof.json"
            self.assertEqual(client.deactivate_offline(str(proof)), licensor.Code.VALID)
            self.assertEqual(client.validate(), licensor.Code.NOT_ACTIVATED)
            self.assertFalse(client.info.loaded)
            client.close()
            path = f"/v1/licenses/{license['id']}"
            self.assertEqual(len(self.server.api("GET", path + "/activations")["data"]), 1)
            released = self.server.api("POST", path + "/offline-deactivations",
                                       {"proof": json.loads(proof.read_text())})
            self.assertEqual(released["released"]["fingerprint"], fingerprint)
            self.assertEqual(self.server.api("GET", path + "/activations")["data"], [])

    def test_the_vendors_sentences_and_a_bad_configuration(self) -> None:
        with tempfile.TemporaryDirectory() as data:
            with self.client(data, messages={licensor.Code.NOT_ACTIVATED: "Pas encore activé."}) as c:
                self.assertEqual(c.validate(), licensor.Code.NOT_ACTIVATED)
                self.assertEqual(c.detail(), "Pas encore activé.")
            with self.assertRaises(licensor.LicensorError) as refused:
                licensor.Client(product_id="", data_dir=data, public_keys_json=self.keys)
            self.assertEqual(refused.exception.code, licensor.Code.INVALID_ARGUMENT)

    def test_the_example_app_activates_and_reports(self) -> None:
        example = Path(__file__).resolve().parents[1] / "examples" / "licensed_app.py"
        with tempfile.TemporaryDirectory() as data:
            keys = Path(data) / "keys.json"
            keys.write_text(self.keys)
            run = subprocess.run(
                [sys.executable, str(example), "--product", self.product["id"],
                 "--data-dir", data + "/app", "--public-keys", str(keys),
                 "--server", self.server.url, "--code", self.license["code"], "--activate",
                 "--feature", "core"],
                capture_output=True, text=True, timeout=60)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            self.assertIn("state=VALID valid=yes", run.stdout)
            self.assertIn("feature:core=yes", run.stdout)


if __name__ == "__main__":
    unittest.main()


class TlsTest(unittest.TestCase):
    """The binding hands the SDK its TLS settings: the vendor's authority, and a pinned key."""

    def test_activates_over_https_trusting_only_the_given_authority_and_key(self) -> None:
        server = Licensord(tls=True)
        self.addCleanup(server.stop)
        keys = json.dumps(server.api("GET", "/v1/keys/public"))
        customer = server.api("POST", "/v1/customers", {"name": "Acme"})
        product = server.api("POST", "/v1/products", {"name": "Widget"})
        policy = server.api("POST", "/v1/policies", {
            "product_id": product["id"], "name": "yearly", "duration_days": 365})
        code = server.api("POST", "/v1/licenses",
                          {"policy_id": policy["id"], "customer_id": customer["id"]})["code"]

        def activate(**tls: str) -> tuple[licensor.Code, str]:
            with tempfile.TemporaryDirectory() as data, licensor.Client(
                    product_id=product["id"], data_dir=data, public_keys_json=keys,
                    server_url=server.url, license_code=code, components=MACHINE,
                    **tls) as client:
                return client.activate(), client.cause()

        result, cause = activate()  # the system's authorities do not know this certificate
        self.assertEqual(result, licensor.Code.SERVER_UNREACHABLE)
        self.assertIn("certificate", cause)
        result, cause = activate(ca_file=server.certificate,
                                 pinned_public_key="sha256//" + "A" * 43 + "=")
        self.assertEqual(result, licensor.Code.SERVER_UNREACHABLE)
        self.assertIn("pinned", cause)
        result, cause = activate(ca_file=server.certificate)
        self.assertEqual(result, licensor.Code.VALID, cause)
