"""Connects the demo's biometric pieces (called by setup/run once the simulators answer).

    biometric_demo.py provider --ida URL --device-ca FILE --out FILE
        the IDA client settings of the demo sign-in provider's biometric sign-in
    biometric_demo.py odoo --ida URL --device-ca FILE --url URL --db DB
        the demo ID authentication service in Odoo (over XML-RPC as the demo admin)

Both read the IDA simulator's generated certificates and its demo partner's keys: they are
made at the simulator's first start under .state/ (git-ignored), never committed.
"""

import argparse
import json
import os
import sys
import xmlrpc.client

import requests


def ida_settings(ida_url, device_ca):
    partner = requests.get(ida_url + "/_sim/partner", timeout=10).json()
    certificates = requests.get(ida_url + "/_sim/certificates", timeout=10).json()
    with open(device_ca) as f:
        ca = f.read()
    return {
        "endpoint_url": ida_url + "/idauthentication/v1/auth",
        "misp_license_key": partner["mispLicenseKey"],
        "partner_id": partner["partnerId"],
        "api_key": partner["apiKey"],
        "partner_private_key_pem": partner["privateKeyPem"],
        "partner_certificate_pem": partner["certificatePem"],
        "ida_certificate_pem": certificates["encryptionCertificatePem"],
        "ida_signing_certificate_pem": certificates["signingCertificatePem"],
        "domain_uri": partner["domainUri"],
        "env": partner["env"],
        "device_ca_certificates_pem": [ca],
    }


def write_provider_config(settings, out):
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(settings, f)


def configure_odoo(settings, url, db, login, password):
    uid = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common").authenticate(db, login, password, {})
    if not uid:
        sys.exit(f"cannot sign in to {db} as {login}: the demo adapter is not configured")
    models = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True)
    found = models.execute_kw(
        db,
        uid,
        password,
        "ir.model.data",
        "search_read",
        [[("module", "=", "g2p_portal_biometric"), ("name", "=", "demo_ida_adapter")]],
        {"fields": ["res_id"], "limit": 1},
    )
    if not found:
        print("no demo ID authentication service in this database (installed without demo data?)")
        return
    values = {
        "endpoint_url": settings["endpoint_url"],
        "misp_license_key": settings["misp_license_key"],
        "partner_ref": settings["partner_id"],
        "api_key": settings["api_key"],
        "partner_private_key_pem": settings["partner_private_key_pem"],
        "partner_certificate_pem": settings["partner_certificate_pem"],
        "ida_certificate_pem": settings["ida_certificate_pem"],
        "ida_signing_certificate_pem": settings["ida_signing_certificate_pem"],
        "device_ca_certificates_pem": "".join(settings["device_ca_certificates_pem"]),
        "domain_uri": settings["domain_uri"],
        "ida_env": settings["env"],
    }
    models.execute_kw(db, uid, password, "g2p.biometric.ida.adapter", "write", [[found[0]["res_id"]], values])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("target", choices=["provider", "odoo"])
    parser.add_argument("--ida", required=True)
    parser.add_argument("--device-ca", required=True)
    parser.add_argument("--out")
    parser.add_argument("--url")
    parser.add_argument("--db")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    args = parser.parse_args()
    settings = ida_settings(args.ida.rstrip("/"), args.device_ca)
    if args.target == "provider":
        write_provider_config(settings, args.out)
    else:
        configure_odoo(settings, args.url.rstrip("/"), args.db, args.login, args.password)


if __name__ == "__main__":
    main()
