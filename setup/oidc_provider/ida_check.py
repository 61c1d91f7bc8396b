"""Checks one biometric capture with the ID authentication service, for the demo provider
(biometrics.js): reads {"individualId", "transactionId", "biometrics"} as JSON on stdin, the
IdaConfig keyword arguments from the JSON file named on the command line, and prints
{"status": ..., "errorCode": ...}. Uses the project's own IDA client (pure Python); never
prints or logs the capture."""

import importlib.util
import json
import sys
from pathlib import Path

IDA = Path(__file__).resolve().parents[2] / "g2p_portal_biometric" / "ida"


def load_client():
    # The package by path: importing g2p_portal_biometric itself would need Odoo.
    spec = importlib.util.spec_from_file_location(
        "g2p_ida_client", IDA / "__init__.py", submodule_search_locations=[str(IDA)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main():
    ida = load_client()
    with open(sys.argv[1]) as f:
        options = json.load(f)
    options["device_ca_certificates_pem"] = tuple(options.get("device_ca_certificates_pem") or ())
    try:
        request = json.loads(sys.stdin.read(700 * 1024))
        result = ida.authenticate(
            ida.IdaConfig(**options),
            str(request["individualId"]),
            "UIN",
            request["biometrics"],
            str(request["transactionId"]),
            consent_obtained=True,
        )
        answer = {"status": result.status, "errorCode": result.error_code}
    except ida.IdaBadInput as e:
        answer = {"status": "bad_input", "errorCode": getattr(e, "code", "")}
    except ida.IdaUnavailable:
        answer = {"status": "unavailable", "errorCode": ""}
    except ida.IdaBadResponse:
        answer = {"status": "bad_response", "errorCode": ""}
    except (KeyError, TypeError, ValueError):
        answer = {"status": "bad_input", "errorCode": "malformed"}
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
