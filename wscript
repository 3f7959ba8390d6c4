# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
#
# waf build of the ipsec module, for waf-based ns-3 trees (ns-3.35 and older; ns-3.36 and later
# build with CMakeLists.txt and ignore this file). The file lists mirror CMakeLists.txt, and
# test/unit/build-files-test.cc fails when they differ.

# Sources, by layer, in the order of CMakeLists.txt.
crypto_sources = [
    'model/crypto/message-digest.cc',
    'model/crypto/crypto-types.cc',
    'model/crypto/evp-fetch.cc',
    'model/crypto/random-source.cc',
    'model/crypto/aes-xcbc-mac.cc',
    'model/crypto/mac-engine.cc',
    'model/crypto/prf.cc',
    'model/crypto/prf-plus.cc',
    'model/crypto/ikev2-key-derivation.cc',
    'model/crypto/ikev2-auth-data.cc',
    'model/crypto/ikev1-key-derivation.cc',
    'model/crypto/integrity.cc',
    'model/crypto/cipher.cc',
    'model/crypto/null-cipher.cc',
    'model/crypto/cbc-cipher.cc',
    'model/crypto/ctr-cipher.cc',
    'model/crypto/aead-cipher.cc',
    'model/crypto/iv-generator.cc',
    'model/crypto/key-exchange.cc',
    'model/crypto/deterministic-rng.cc',
    'model/crypto/public-key.cc',
    'model/crypto/private-key.cc',
    'model/crypto/signature-algorithm.cc',
    'model/crypto/signer.cc',
    'model/crypto/distinguished-name.cc',
    'model/crypto/ike-identity.cc',
    'model/crypto/certificate.cc',
    'model/crypto/certificate-authority.cc',
    'model/crypto/certificate-validator.cc',
]
crypto_headers = [
    'model/crypto/message-digest.h',
    'model/crypto/crypto-types.h',
    'model/crypto/transform-ids.h',
    'model/crypto/evp-fetch.h',
    'model/crypto/random-source.h',
    'model/crypto/aes-xcbc-mac.h',
    'model/crypto/mac-engine.h',
    'model/crypto/prf.h',
    'model/crypto/prf-plus.h',
    'model/crypto/ikev2-key-derivation.h',
    'model/crypto/ikev2-auth-data.h',
    'model/crypto/ikev1-key-derivation.h',
    'model/crypto/integrity.h',
    'model/crypto/cipher.h',
    'model/crypto/null-cipher.h',
    'model/crypto/cbc-cipher.h',
    'model/crypto/ctr-cipher.h',
    'model/crypto/aead-cipher.h',
    'model/crypto/iv-generator.h',
    'model/crypto/key-exchange.h',
    'model/crypto/deterministic-rng.h',
    'model/crypto/public-key.h',
    'model/crypto/private-key.h',
    'model/crypto/signature-algorithm.h',
    'model/crypto/signer.h',
    'model/crypto/distinguished-name.h',
    'model/crypto/ike-identity.h',
    'model/crypto/certificate.h',
    'model/crypto/certificate-authority.h',
    'model/crypto/certificate-validator.h',
]

isakmp_sources = [
    'model/isakmp/ikev2-auth-payload.cc',
    'model/isakmp/ikev2-cert-payload.cc',
    'model/isakmp/ikev2-cert-request-payload.cc',
    'model/isakmp/ikev2-config-payload.cc',
    'model/isakmp/ikev2-delete-payload.cc',
    'model/isakmp/ikev2-eap-payload.cc',
    'model/isakmp/ikev2-encrypted-fragment-payload.cc',
    'model/isakmp/ikev2-encrypted-payload.cc',
    'model/isakmp/ikev2-header.cc',
    'model/isakmp/ikev2-id-payload.cc',
    'model/isakmp/ikev2-ke-payload.cc',
    'model/isakmp/ikev2-message-rules.cc',
    'model/isakmp/ikev2-message.cc',
    'model/isakmp/ikev2-nonce-payload.cc',
    'model/isakmp/ikev2-notify-payload.cc',
    'model/isakmp/ikev2-notify-type.cc',
    'model/isakmp/ikev2-payload.cc',
    'model/isakmp/ikev2-proposal.cc',
    'model/isakmp/ikev2-sa-payload.cc',
    'model/isakmp/ikev2-traffic-selector.cc',
    'model/isakmp/ikev2-transform.cc',
    'model/isakmp/ikev2-ts-payload.cc',
    'model/isakmp/ikev2-types.cc',
    'model/isakmp/ikev2-vendor-id-payload.cc',
]
isakmp_headers = [
    'model/isakmp/ikev2-auth-payload.h',
    'model/isakmp/ikev2-cert-payload.h',
    'model/isakmp/ikev2-cert-request-payload.h',
    'model/isakmp/ikev2-config-payload.h',
    'model/isakmp/ikev2-delete-payload.h',
    'model/isakmp/ikev2-eap-payload.h',
    'model/isakmp/ikev2-encrypted-fragment-payload.h',
    'model/isakmp/ikev2-encrypted-payload.h',
    'model/isakmp/ikev2-header.h',
    'model/isakmp/ikev2-id-payload.h',
    'model/isakmp/ikev2-ke-payload.h',
    'model/isakmp/ikev2-message-rules.h',
    'model/isakmp/ikev2-message.h',
    'model/isakmp/ikev2-nonce-payload.h',
    'model/isakmp/ikev2-notify-payload.h',
    'model/isakmp/ikev2-notify-type.h',
    'model/isakmp/ikev2-octet-reader.h',
    'model/isakmp/ikev2-payload.h',
    'model/isakmp/ikev2-proposal.h',
    'model/isakmp/ikev2-sa-payload.h',
    'model/isakmp/ikev2-traffic-selector.h',
    'model/isakmp/ikev2-transform.h',
    'model/isakmp/ikev2-ts-payload.h',
    'model/isakmp/ikev2-types.h',
    'model/isakmp/ikev2-vendor-id-payload.h',
]

dataplane_sources = [
    'model/ipsec/ipsec-types.cc',
    'model/ipsec/ip-address.cc',
    'model/ipsec/ip-address-range.cc',
    'model/ipsec/traffic-selector.cc',
    'model/ipsec/security-policy.cc',
    'model/ipsec/security-policy-database.cc',
    'model/ipsec/replay-window.cc',
    'model/ipsec/security-association.cc',
    'model/ipsec/security-association-database.cc',
    'model/ipsec/esp-codec.cc',
    'model/ipsec/ah-codec.cc',
    'model/ipsec/sa-pair.cc',
    'model/ipsec/kernel-interface.cc',
    'model/ipsec/ipsec-ipv4-routing-hook.cc',
    'model/ipsec/ipsec-l4-protocol.cc',
    'model/ipsec/ipsec-inbound-filter.cc',
    'model/ipsec/ipsec-stack.cc',
    'model/ipsec/ipsec-ipv6-routing-hook.cc',
    'model/ipsec/ipsec-ipv6-extension.cc',
    'model/ipsec/octets-header.cc',
]
dataplane_headers = [
    'model/ipsec/ipsec-types.h',
    'model/ipsec/network-byte-order.h',
    'model/ipsec/ip-address.h',
    'model/ipsec/ip-address-range.h',
    'model/ipsec/port-range.h',
    'model/ipsec/packet-tuple.h',
    'model/ipsec/traffic-selector.h',
    'model/ipsec/sa-template.h',
    'model/ipsec/sa-lifetime.h',
    'model/ipsec/security-policy.h',
    'model/ipsec/security-policy-database.h',
    'model/ipsec/replay-window.h',
    'model/ipsec/sa-params.h',
    'model/ipsec/security-association.h',
    'model/ipsec/security-association-database.h',
    'model/ipsec/ipsec-codec-result.h',
    'model/ipsec/esp-codec.h',
    'model/ipsec/ah-codec.h',
    'model/ipsec/sa-pair.h',
    'model/ipsec/kernel-interface.h',
    'model/ipsec/ipsec-ipv4-routing-hook.h',
    'model/ipsec/ipsec-l4-protocol.h',
    'model/ipsec/ipsec-inbound-filter.h',
    'model/ipsec/ipsec-stack.h',
    'model/ipsec/ipsec-ipv6-routing-hook.h',
    'model/ipsec/ipsec-ipv6-extension.h',
    'model/ipsec/octets-header.h',
]

ikev2_sources = [
    'model/ikev2/ikev2-proposal-config.cc',
    'model/ikev2/ikev2-proposal-selector.cc',
    'model/ikev2/ikev2-ts-narrowing.cc',
    'model/ikev2/ikev2-sk-codec.cc',
    'model/ikev2/ikev2-peer-config.cc',
    'model/ikev2/ikev2-child-sa.cc',
    'model/ikev2/ikev2-ike-sa.cc',
    'model/ikev2/ikev2-events.cc',
    'model/ikev2/ikev2-cookie-jar.cc',
    'model/ikev2/ikev2-task.cc',
    'model/ikev2/ikev2-child-negotiator.cc',
    'model/ikev2/ikev2-ike-init-task.cc',
    'model/ikev2/ikev2-ike-auth-task.cc',
    'model/ikev2/ikev2-child-create-task.cc',
    'model/ikev2/ikev2-informational-task.cc',
    'model/ikev2/ikev2-ike-rekey-task.cc',
    'model/ikev2/ikev2-task-manager.cc',
    'model/ikev2/ikev2-daemon.cc',
]
ikev2_headers = [
    'model/ikev2/ikev2-transform-set.h',
    'model/ikev2/ikev2-proposal-config.h',
    'model/ikev2/ikev2-proposal-selector.h',
    'model/ikev2/ikev2-ts-narrowing.h',
    'model/ikev2/ikev2-sk-codec.h',
    'model/ikev2/ikev2-peer-config.h',
    'model/ikev2/ikev2-child-sa.h',
    'model/ikev2/ikev2-ike-sa.h',
    'model/ikev2/ikev2-events.h',
    'model/ikev2/ikev2-cookie-jar.h',
    'model/ikev2/ikev2-task.h',
    'model/ikev2/ikev2-child-negotiator.h',
    'model/ikev2/ikev2-ike-init-task.h',
    'model/ikev2/ikev2-ike-auth-task.h',
    'model/ikev2/ikev2-child-create-task.h',
    'model/ikev2/ikev2-informational-task.h',
    'model/ikev2/ikev2-ike-rekey-task.h',
    'model/ikev2/ikev2-spi.h',
    'model/ikev2/ikev2-task-manager.h',
    'model/ikev2/ikev2-daemon.h',
]

stats_sources = [
    'model/stats/ikev2-decryption-table.cc',
]
stats_headers = [
    'model/stats/ikev2-decryption-table.h',
]

helper_sources = [
    'helper/ipsec-helper.cc',
    'helper/ike-helper.cc',
]
helper_headers = [
    'helper/ipsec-helper.h',
    'helper/ike-helper.h',
]

# GoogleTest suites (built as one program, run by hand or from CI).
test_sources = [
    'test/unit/crypto/message-digest-test.cc',
    'test/unit/ikev2/ikev2-cookie-jar-test.cc',
    'test/integration/ikev2-daemon-test.cc',
    'test/unit/build-files-test.cc',
    'test/unit/crypto/prf-plus-test.cc',
    'test/unit/crypto/ikev2-key-derivation-test.cc',
    'test/unit/crypto/ikev2-auth-data-test.cc',
    'test/unit/crypto/ikev1-key-derivation-test.cc',
    'test/unit/dataplane/ipsec-types-test.cc',
    'test/unit/dataplane/traffic-selector-test.cc',
    'test/unit/dataplane/security-policy-database-test.cc',
    'test/unit/dataplane/replay-window-test.cc',
    'test/unit/dataplane/esp-vectors-test.cc',
    'test/unit/dataplane/esp-codec-test.cc',
    'test/unit/crypto/cipher-test.cc',
    'test/unit/crypto/signature-algorithm-test.cc',
    'test/unit/crypto/signer-test.cc',
    'test/unit/crypto/integrity-test.cc',
    'test/unit/crypto/prf-test.cc',
    'test/unit/isakmp/ikev2-payload-test.cc',
    'test/unit/crypto/certificate-test.cc',
    'test/unit/crypto/key-exchange-test.cc',
    'test/unit/crypto/random-source-test.cc',
    'test/unit/crypto/iv-generator-test.cc',
    'test/unit/isakmp/ikev2-message-test.cc',
    'test/unit/dataplane/ah-codec-test.cc',
    'test/unit/dataplane/security-association-test.cc',
    'test/unit/dataplane/security-association-database-test.cc',
    'test/unit/dataplane/type-id-test.cc',
    'test/unit/dataplane/octets-header-test.cc',
    'test/unit/isakmp/ikev2-malformed-test.cc',
    'test/unit/isakmp/ikev2-message-rules-test.cc',
    'test/integration/ipsec-transport-test.cc',
    'test/integration/ipsec-tunnel-test.cc',
    'test/integration/ipsec-kernel-test.cc',
    'test/unit/isakmp/ikev2-tshark-test.cc',
    'test/unit/crypto/deterministic-rng-test.cc',
    'test/integration/ipsec-ipv6-test.cc',
    'test/unit/ikev2/ikev2-proposal-config-test.cc',
    'test/unit/ikev2/ikev2-proposal-selector-test.cc',
    'test/unit/ikev2/ikev2-ts-narrowing-test.cc',
    'test/unit/ikev2/ikev2-sk-codec-test.cc',
    'test/unit/ikev2/ikev2-sk-fragment-test.cc',
    'test/unit/ikev2/ikev2-decryption-table-test.cc',
    'test/unit/ikev2/ikev2-sk-tshark-test.cc',
]

LAYERS = ['crypto', 'isakmp', 'dataplane', 'ikev2', 'stats', 'helper']


def _layer_lists(kind):
    files = []
    for layer in LAYERS:
        files += globals()[layer + '_' + kind]
    return files


def configure(conf):
    conf.check_cfg(package='libcrypto', atleast_version='3.0.0', args=['--cflags', '--libs'],
                   uselib_store='OPENSSL', mandatory=True)
    conf.env['IPSEC_GTEST'] = conf.check_cfg(package='gtest_main', args=['--cflags', '--libs'],
                                             uselib_store='GTEST', mandatory=False)
    conf.env.append_value('DEFINES_OPENSSL', ['NS3_IPSEC_WAF'])


def build(bld):
    module = bld.create_ns3_module(
        'ipsec', ['core', 'network', 'internet', 'point-to-point', 'applications',
                  'virtual-net-device'])
    module.source = _layer_lists('sources')
    module.use.append('OPENSSL')

    headers = bld(features='ns3header')
    headers.module = 'ipsec'
    headers.source = _layer_lists('headers')

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')

    if bld.env.ENABLE_TESTS and bld.env['IPSEC_GTEST']:
        tests = bld.create_ns3_program('ipsec-gtest', ['ipsec'])
        tests.source = test_sources
        tests.use.append('GTEST')
        tests.includes = ['test/support']
        tests.defines = ['IPSEC_SOURCE_DIR="%s"' % bld.path.abspath(),
                         'IPSEC_TEST_VECTORS_DIR="%s"' % bld.path.find_dir('test/vectors').abspath()]
