/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "key-exchange.h"

#include "random-source.h"

#include "ns3/log.h"

#include <algorithm>
#include <cstring>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("KeyExchange");

namespace
{

/// The three kinds of group, which OpenSSL handles through different key types.
enum class Kind
{
    MODP,
    ECP,
    MONTGOMERY,
};

/// What the module needs to know about a group.
struct GroupInfo
{
    DhGroupId id;         //!< IANA number
    Kind kind;            //!< family
    const char* name;     //!< OpenSSL group / curve / key type name; null: explicit prime
    size_t size;          //!< prime octets (MODP), field octets (ECP), key octets (X25519/X448)
    size_t privateSize;   //!< random private key octets
    const char* primeHex; //!< RFC 2409 primes, which OpenSSL does not name
    const char* orderHex; //!< ECP group order n (FIPS 186-4 D.1.2), for 0 < d < n
    const uint8_t* oid;   //!< ECP curve OID, DER encoded
    size_t oidSize;       //!< octets of oid
};

// RFC 2409 6.1 and 6.2 (Oakley groups 1 and 2; generator 2).
const char kModp768[] =
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A3620"
    "FFFFFFFFFFFFFFFF";
const char kModp1024[] =
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B"
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF";

const char kOrderP256[] = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
const char kOrderP384[] = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB2"
                          "48B0A77AECEC196ACCC52973";
const char kOrderP521[] = "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA"
                          "51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409";
const uint8_t kOidP256[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
const uint8_t kOidP384[] = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};
const uint8_t kOidP521[] = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23};

// MODP private exponents: 2x the security strength of the group (NIST SP 800-57 / RFC 3526 8).
const GroupInfo kGroups[] = {
    {DhGroupId::MODP_768, Kind::MODP, nullptr, 96, 20, kModp768, nullptr, nullptr, 0},
    {DhGroupId::MODP_1024, Kind::MODP, nullptr, 128, 20, kModp1024, nullptr, nullptr, 0},
    {DhGroupId::MODP_1536, Kind::MODP, "modp_1536", 192, 24, nullptr, nullptr, nullptr, 0},
    {DhGroupId::MODP_2048, Kind::MODP, "modp_2048", 256, 28, nullptr, nullptr, nullptr, 0},
    {DhGroupId::MODP_3072, Kind::MODP, "modp_3072", 384, 32, nullptr, nullptr, nullptr, 0},
    {DhGroupId::MODP_4096, Kind::MODP, "modp_4096", 512, 38, nullptr, nullptr, nullptr, 0},
    {DhGroupId::MODP_6144, Kind::MODP, "modp_6144", 768, 44, nullptr, nullptr, nullptr, 0},
    {DhGroupId::MODP_8192, Kind::MODP, "modp_8192", 1024, 50, nullptr, nullptr, nullptr, 0},
    {DhGroupId::ECP_256, Kind::ECP, "P-256", 32, 32, nullptr, kOrderP256, kOidP256, 10},
    {DhGroupId::ECP_384, Kind::ECP, "P-384", 48, 48, nullptr, kOrderP384, kOidP384, 7},
    {DhGroupId::ECP_521, Kind::ECP, "P-521", 66, 66, nullptr, kOrderP521, kOidP521, 7},
    {DhGroupId::CURVE25519, Kind::MONTGOMERY, "X25519", 32, 32, nullptr, nullptr, nullptr, 0},
    {DhGroupId::CURVE448, Kind::MONTGOMERY, "X448", 56, 56, nullptr, nullptr, nullptr, 0},
};

const GroupInfo*
Find(DhGroupId id)
{
    for (const auto& g : kGroups)
    {
        if (g.id == id)
        {
            return &g;
        }
    }
    return nullptr;
}

Bytes
FromHex(const char* hex)
{
    Bytes out;
    for (size_t i = 0; hex[i] != 0 && hex[i + 1] != 0; i += 2)
    {
        auto nibble = [](char c) {
            return static_cast<uint8_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        };
        out.push_back(static_cast<uint8_t>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
    }
    return out;
}

/// OSSL_PARAM big numbers are native-endian; the wire is big-endian.
Bytes
ToNative(ByteView bigEndian)
{
    Bytes out(bigEndian.data, bigEndian.data + bigEndian.size);
    const uint16_t probe = 1;
    uint8_t first;
    std::memcpy(&first, &probe, 1);
    if (first == 1)
    {
        std::reverse(out.begin(), out.end());
    }
    return out;
}

/// Compare equal-length big-endian integers.
int
Compare(const uint8_t* a, const uint8_t* b, size_t n)
{
    return std::memcmp(a, b, n);
}

bool
IsZero(const uint8_t* p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; ++i)
    {
        acc |= p[i];
    }
    return acc == 0;
}

/// Value <= 1, for big-endian @p p of @p n octets.
bool
IsZeroOrOne(const uint8_t* p, size_t n)
{
    return n == 0 || (IsZero(p, n - 1) && p[n - 1] <= 1);
}

/**
 * Import a MODP key (private or public) with the group's parameters: by name where OpenSSL has
 * the group, else from the RFC 2409 prime and generator 2.
 */
EVP_PKEY*
ImportModp(const GroupInfo& info, const char* keyParam, ByteView valueBigEndian, int selection)
{
    Bytes value = ToNative(valueBigEndian);
    Bytes prime;
    uint8_t generator = 2;
    OSSL_PARAM params[4];
    size_t n = 0;
    if (info.name != nullptr)
    {
        params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                       const_cast<char*>(info.name),
                                                       0);
    }
    else
    {
        const Bytes be = FromHex(info.primeHex);
        prime = ToNative(be);
        params[n++] = OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_FFC_P, prime.data(), prime.size());
        params[n++] = OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_FFC_G, &generator, 1);
    }
    params[n++] = OSSL_PARAM_construct_BN(keyParam, value.data(), value.size());
    params[n] = OSSL_PARAM_construct_end();
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr);
    EVP_PKEY* key = nullptr;
    if (ctx == nullptr || EVP_PKEY_fromdata_init(ctx) != 1 ||
        EVP_PKEY_fromdata(ctx, &key, selection, params) != 1)
    {
        key = nullptr;
    }
    EVP_PKEY_CTX_free(ctx);
    OPENSSL_cleanse(value.data(), value.size());
    return key;
}

/// The MODP prime of a group, big-endian, as OpenSSL holds it.
Bytes
ModpPrime(const GroupInfo& info, EVP_PKEY* key)
{
    if (info.primeHex != nullptr)
    {
        return FromHex(info.primeHex);
    }
    Bytes native(info.size);
    OSSL_PARAM params[2] = {
        OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_FFC_P, native.data(), native.size()),
        OSSL_PARAM_construct_end()};
    if (EVP_PKEY_get_params(key, params) != 1)
    {
        return Bytes();
    }
    return ToNative(native);
}

/// A DER decoder for EC private keys, built once per thread: building it is most of the cost
/// of d2i_PrivateKey_ex (about 150 of 200 us for a P-256 key).
class EcPrivateKeyDecoder
{
  public:
    EcPrivateKeyDecoder()
        : m_ctx(OSSL_DECODER_CTX_new_for_pkey(&m_slot,
                                              "DER",
                                              "type-specific",
                                              "EC",
                                              EVP_PKEY_KEYPAIR,
                                              nullptr,
                                              nullptr))
    {
    }

    ~EcPrivateKeyDecoder()
    {
        OSSL_DECODER_CTX_free(m_ctx);
    }

    EVP_PKEY* Decode(const uint8_t* der, size_t size)
    {
        m_slot = nullptr;
        if (m_ctx == nullptr || OSSL_DECODER_from_data(m_ctx, &der, &size) != 1)
        {
            EVP_PKEY_free(m_slot);
            m_slot = nullptr;
        }
        EVP_PKEY* key = m_slot;
        m_slot = nullptr;
        return key;
    }

  private:
    EVP_PKEY* m_slot{nullptr}; //!< where the decoder puts each key
    OSSL_DECODER_CTX* m_ctx;   //!< the reusable decoder
};

/**
 * Import an ECP private key. OpenSSL 3.0's EVP_PKEY_fromdata does not compute the public point
 * from a bare private scalar, but its SEC1 decoder (RFC 5915 ECPrivateKey) does, so the scalar
 * is wrapped in that DER structure: SEQUENCE { INTEGER 1, OCTET STRING d, [0] curve OID }.
 */
EVP_PKEY*
ImportEcPrivate(const GroupInfo& info, ByteView scalar)
{
    thread_local EcPrivateKeyDecoder decoder;
    uint8_t der[128];
    size_t n = 0;
    der[n++] = 0x30;
    der[n++] = static_cast<uint8_t>(3 + 2 + scalar.size + 2 + info.oidSize);
    der[n++] = 0x02;
    der[n++] = 0x01;
    der[n++] = 0x01;
    der[n++] = 0x04;
    der[n++] = static_cast<uint8_t>(scalar.size);
    std::memcpy(der + n, scalar.data, scalar.size);
    n += scalar.size;
    der[n++] = 0xa0;
    der[n++] = static_cast<uint8_t>(info.oidSize);
    std::memcpy(der + n, info.oid, info.oidSize);
    n += info.oidSize;
    EVP_PKEY* key = decoder.Decode(der, n);
    OPENSSL_cleanse(der, sizeof(der));
    return key;
}

} // namespace

KeyExchange::KeyExchange(DhGroupId group)
    : m_group(group)
{
}

KeyExchange::~KeyExchange()
{
    EVP_PKEY_free(m_key);
}

bool
KeyExchange::IsSupported(DhGroupId group)
{
    return Find(group) != nullptr;
}

size_t
KeyExchange::GetPublicValueSizeOf(DhGroupId group)
{
    const GroupInfo* info = Find(group);
    if (info == nullptr)
    {
        return 0;
    }
    return info->kind == Kind::ECP ? 2 * info->size : info->size;
}

DhGroupId
KeyExchange::GetGroup() const
{
    return m_group;
}

const Bytes&
KeyExchange::GetPublicValue() const
{
    return m_public;
}

std::unique_ptr<KeyExchange>
KeyExchange::Create(DhGroupId group, RandomSource& rng, CryptoStatus* status)
{
    CryptoStatus dummy;
    CryptoStatus& st = status != nullptr ? *status : dummy;
    const GroupInfo* info = Find(group);
    if (info == nullptr)
    {
        st = CryptoStatus::UNSUPPORTED;
        return nullptr;
    }
    Bytes priv(info->privateSize);
    const Bytes order = info->orderHex != nullptr ? FromHex(info->orderHex) : Bytes();
    // Rejection sampling keeps the draw uniform and deterministic: MODP needs x > 1, ECP
    // 0 < d < n (FIPS 186-4 B.4.2); X25519/X448 clamp any octets themselves.
    for (;;)
    {
        rng.Fill(priv.data(), priv.size());
        if (info->kind == Kind::MODP && IsZeroOrOne(priv.data(), priv.size()))
        {
            continue;
        }
        if (info->kind == Kind::ECP)
        {
            if (!order.empty())
            {
                priv[0] &= order[0] == 0x01 ? 0x01 : 0xff; // P-521: 521 bits in 66 octets
            }
            if (IsZero(priv.data(), priv.size()) ||
                Compare(priv.data(), order.data(), priv.size()) >= 0)
            {
                continue;
            }
        }
        break;
    }
    auto kex = CreateWithPrivateKey(group, priv, &st);
    OPENSSL_cleanse(priv.data(), priv.size());
    return kex;
}

std::unique_ptr<KeyExchange>
KeyExchange::CreateWithPrivateKey(DhGroupId group, ByteView privateKey, CryptoStatus* status)
{
    CryptoStatus dummy;
    CryptoStatus& st = status != nullptr ? *status : dummy;
    if (!IsSupported(group))
    {
        st = CryptoStatus::UNSUPPORTED;
        return nullptr;
    }
    std::unique_ptr<KeyExchange> kex(new KeyExchange(group));
    st = kex->Init(privateKey);
    return st == CryptoStatus::OK ? std::move(kex) : nullptr;
}

CryptoStatus
KeyExchange::Init(ByteView privateKey)
{
    const GroupInfo& info = *Find(m_group);
    switch (info.kind)
    {
    case Kind::MODP: {
        if (privateKey.size == 0 || privateKey.size > info.size ||
            IsZeroOrOne(privateKey.data, privateKey.size))
        {
            return CryptoStatus::BAD_KEY_LENGTH;
        }
        m_key = ImportModp(info, OSSL_PKEY_PARAM_PRIV_KEY, privateKey, EVP_PKEY_KEYPAIR);
        if (m_key == nullptr)
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        m_prime = ModpPrime(info, m_key);
        if (m_prime.size() != info.size)
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        // OpenSSL 3.0 does not compute g^x when importing x; the exchange with the generator as
        // the "peer" does, padded to the prime length as the KE payload needs.
        const uint8_t two = 2;
        EVP_PKEY* generator =
            ImportModp(info, OSSL_PKEY_PARAM_PUB_KEY, ByteView(&two, 1), EVP_PKEY_PUBLIC_KEY);
        if (generator == nullptr)
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        const CryptoStatus st = Derive(generator, &m_public);
        EVP_PKEY_free(generator);
        return st;
    }
    case Kind::ECP: {
        if (privateKey.size != info.size)
        {
            return CryptoStatus::BAD_KEY_LENGTH;
        }
        m_key = ImportEcPrivate(info, privateKey);
        uint8_t point[1 + 2 * 66];
        size_t len = 0;
        if (m_key == nullptr ||
            EVP_PKEY_get_octet_string_param(m_key,
                                            OSSL_PKEY_PARAM_PUB_KEY,
                                            point,
                                            sizeof(point),
                                            &len) != 1 ||
            len != 1 + 2 * info.size || point[0] != 0x04)
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        // RFC 5903 7: the KE payload is x || y, without SEC1's 0x04 prefix.
        m_public.assign(point + 1, point + len);
        return CryptoStatus::OK;
    }
    case Kind::MONTGOMERY: {
        if (privateKey.size != info.size)
        {
            return CryptoStatus::BAD_KEY_LENGTH;
        }
        m_key = EVP_PKEY_new_raw_private_key_ex(nullptr,
                                                info.name,
                                                nullptr,
                                                privateKey.data,
                                                privateKey.size);
        m_public.resize(info.size);
        size_t len = m_public.size();
        if (m_key == nullptr || EVP_PKEY_get_raw_public_key(m_key, m_public.data(), &len) != 1 ||
            len != info.size)
        {
            return CryptoStatus::BACKEND_ERROR;
        }
        return CryptoStatus::OK;
    }
    }
    return CryptoStatus::UNSUPPORTED;
}

evp_pkey_st*
KeyExchange::ImportPublic(ByteView value) const
{
    const GroupInfo& info = *Find(m_group);
    switch (info.kind)
    {
    case Kind::MODP:
        return ImportModp(info, OSSL_PKEY_PARAM_PUB_KEY, value, EVP_PKEY_PUBLIC_KEY);
    case Kind::ECP: {
        // Importing decodes the point, and OpenSSL rejects points that are not on the curve.
        uint8_t point[1 + 2 * 66];
        point[0] = 0x04;
        std::memcpy(point + 1, value.data, value.size);
        OSSL_PARAM params[3] = {
            OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                             const_cast<char*>(info.name),
                                             0),
            OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point, 1 + value.size),
            OSSL_PARAM_construct_end()};
        EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
        EVP_PKEY* key = nullptr;
        if (ctx == nullptr || EVP_PKEY_fromdata_init(ctx) != 1 ||
            EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
        {
            key = nullptr;
        }
        EVP_PKEY_CTX_free(ctx);
        return key;
    }
    case Kind::MONTGOMERY:
        return EVP_PKEY_new_raw_public_key_ex(nullptr, info.name, nullptr, value.data, value.size);
    }
    return nullptr;
}

CryptoStatus
KeyExchange::Derive(evp_pkey_st* peer, Bytes* secret) const
{
    const GroupInfo& info = *Find(m_group);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, m_key, nullptr);
    // RFC 7296 2.14: g^ir is as long as the prime, leading zeros kept.
    int pad = 1;
    OSSL_PARAM params[2] = {OSSL_PARAM_construct_int(OSSL_EXCHANGE_PARAM_PAD, &pad),
                            OSSL_PARAM_construct_end()};
    size_t len = 0;
    // The peer value was checked as RFC 6989 asks; OpenSSL's own full check is skipped.
    bool ok = ctx != nullptr &&
              EVP_PKEY_derive_init_ex(ctx, info.kind == Kind::MODP ? params : nullptr) == 1 &&
              EVP_PKEY_derive_set_peer_ex(ctx, peer, 0) == 1 &&
              EVP_PKEY_derive(ctx, nullptr, &len) == 1;
    if (ok)
    {
        secret->resize(len);
        ok = EVP_PKEY_derive(ctx, secret->data(), &len) == 1;
        secret->resize(len);
    }
    EVP_PKEY_CTX_free(ctx);
    if (!ok)
    {
        secret->clear();
        // X25519/X448 fail exactly when the result is all zero (a low-order peer point).
        return info.kind == Kind::MONTGOMERY ? CryptoStatus::INVALID_PUBLIC_VALUE
                                             : CryptoStatus::BACKEND_ERROR;
    }
    return CryptoStatus::OK;
}

CryptoStatus
KeyExchange::ComputeSharedSecret(ByteView peerPublicValue, Bytes* secret) const
{
    const GroupInfo& info = *Find(m_group);
    if (peerPublicValue.size != GetPublicValueSizeOf(m_group))
    {
        NS_LOG_LOGIC("peer public value of " << peerPublicValue.size << " octets");
        return CryptoStatus::INVALID_PUBLIC_VALUE;
    }
    if (info.kind == Kind::MODP)
    {
        // RFC 6989 2.1: 1 < y < p - 1. For these safe primes that is all that is needed.
        // p is odd, so y >= p - 1 compares all but the last octet with p, then the last one
        // with p's last octet minus one.
        const size_t n = m_prime.size();
        const int high = Compare(peerPublicValue.data, m_prime.data(), n - 1);
        const bool tooLarge =
            high > 0 || (high == 0 && peerPublicValue.data[n - 1] >= m_prime[n - 1] - 1);
        if (IsZeroOrOne(peerPublicValue.data, peerPublicValue.size) || tooLarge)
        {
            return CryptoStatus::INVALID_PUBLIC_VALUE;
        }
    }
    EVP_PKEY* peer = ImportPublic(peerPublicValue);
    if (peer == nullptr)
    {
        // RFC 6989 2.3: ECP points not on the curve end up here.
        return info.kind == Kind::MODP ? CryptoStatus::BACKEND_ERROR
                                       : CryptoStatus::INVALID_PUBLIC_VALUE;
    }
    const CryptoStatus st = Derive(peer, secret);
    EVP_PKEY_free(peer);
    if (st == CryptoStatus::OK && IsZero(secret->data(), secret->size()))
    {
        // RFC 8031 2.3 (and never possible for valid MODP/ECP values): reject all-zero results.
        secret->clear();
        return CryptoStatus::INVALID_PUBLIC_VALUE;
    }
    return st;
}

} // namespace ns3
