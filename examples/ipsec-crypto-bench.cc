/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Cost of the module's crypto wrappers next to the same operations written directly against
 * OpenSSL's EVP API, in the same run and with the same context reuse: one pre-keyed context per
 * SA, only the IV / nonce changed per packet, HMAC/CMAC contexts re-initialised without their key.
 * A wrapper should cost at most a few percent more than raw EVP per packet.
 *
 *   ipsec-crypto-bench                             # default: about 10 s
 *   ipsec-crypto-bench --rounds=100 --dhBudget=2   # steadier figures
 *   ipsec-crypto-bench --quick                     # well under a second (example test)
 *
 * Each per-packet figure is the best of --rounds alternating wrapper/raw rounds of about
 * --roundMicros each, which keeps the ratio meaningful on a busy machine. DH is keygen + derive
 * with a fixed peer, both sides from and to wire octets, best of --dhIterations (within
 * --dhBudget seconds). The "allocs" column counts OpenSSL heap allocations per wrapper call.
 * Also printed: the CBC IV source (IvGenerator vs RAND_bytes) and HMAC re-init vs
 * EVP_MAC_CTX_dup per message.
 */

#include "ns3/cipher.h"
#include "ns3/command-line.h"
#include "ns3/integrity.h"
#include "ns3/iv-generator.h"
#include "ns3/key-exchange.h"
#include "ns3/random-source.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

using Clock = std::chrono::steady_clock;

int g_rounds = 30;           //!< alternating rounds per row
double g_roundMicros = 1000; //!< target length of one round
bool g_agree = true;         //!< every wrapper output equals the raw EVP output
uint64_t g_allocations = 0;  //!< OpenSSL heap allocations so far (malloc and realloc)
double g_lastAllocs = 0;     //!< OpenSSL allocations per wrapper call in the last Compare()

int64_t g_liveBytes = 0; //!< OpenSSL heap octets currently allocated

// Each block carries its size in a 16-octet header, so that live octets can be counted.
void*
CountingMalloc(size_t n, const char*, int)
{
    ++g_allocations;
    auto p = static_cast<uint8_t*>(std::malloc(n + 16));
    if (p == nullptr)
    {
        return nullptr;
    }
    std::memcpy(p, &n, sizeof(n));
    g_liveBytes += static_cast<int64_t>(n);
    return p + 16;
}

void
CountingFree(void* p, const char*, int)
{
    if (p == nullptr)
    {
        return;
    }
    auto base = static_cast<uint8_t*>(p) - 16;
    size_t n;
    std::memcpy(&n, base, sizeof(n));
    g_liveBytes -= static_cast<int64_t>(n);
    std::free(base);
}

void*
CountingRealloc(void* p, size_t n, const char* file, int line)
{
    if (p == nullptr)
    {
        return CountingMalloc(n, file, line);
    }
    ++g_allocations;
    auto base = static_cast<uint8_t*>(p) - 16;
    size_t old;
    std::memcpy(&old, base, sizeof(old));
    auto q = static_cast<uint8_t*>(std::realloc(base, n + 16));
    if (q == nullptr)
    {
        return nullptr;
    }
    std::memcpy(q, &n, sizeof(n));
    g_liveBytes += static_cast<int64_t>(n) - static_cast<int64_t>(old);
    return q + 16;
}

/// Nanoseconds per call of @p op over @p n calls.
double
TimeOnce(const std::function<void()>& op, uint64_t n)
{
    const auto start = Clock::now();
    for (uint64_t i = 0; i < n; ++i)
    {
        op();
    }
    return std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
           static_cast<double>(n);
}

/**
 * Best-of-rounds, alternating the two implementations so both see the same machine load. Each
 * round lasts about @p roundMicros (short rounds are rarely preempted, so the minimum is the
 * clean cost), and no side runs more than @p iterations calls in all.
 */
std::pair<double, double>
Compare(const std::function<void()>& wrapper,
        const std::function<void()>& raw,
        uint64_t iterations,
        int rounds,
        double roundMicros)
{
    wrapper(); // warm up caches and lazy provider state
    raw();
    const double estimate = TimeOnce(wrapper, 10);
    const uint64_t perRound =
        std::max<uint64_t>(1,
                           std::min<uint64_t>(iterations / rounds,
                                              static_cast<uint64_t>(roundMicros * 1e3 / estimate)));
    double bestWrapper = 1e300;
    double bestRaw = 1e300;
    uint64_t wrapperAllocations = 0;
    for (int r = 0; r < rounds; ++r)
    {
        const uint64_t before = g_allocations;
        bestWrapper = std::min(bestWrapper, TimeOnce(wrapper, perRound));
        wrapperAllocations += g_allocations - before;
        bestRaw = std::min(bestRaw, TimeOnce(raw, perRound));
    }
    g_lastAllocs = static_cast<double>(wrapperAllocations) / static_cast<double>(perRound * rounds);
    return {bestWrapper, bestRaw};
}

void
PrintRow(const std::string& name, size_t size, double wrapper, double raw, const char* unit)
{
    const double scale = std::strcmp(unit, "us") == 0 ? 1e-3 : 1.0;
    std::printf("%-44s %6zu %12.1f %12.1f %7.3f %7.2f  %s\n",
                name.c_str(),
                size,
                wrapper * scale,
                raw * scale,
                wrapper / raw,
                g_lastAllocs,
                unit);
}

void
Agree(bool same, const std::string& what)
{
    if (!same)
    {
        std::printf("MISMATCH: %s\n", what.c_str());
        g_agree = false;
    }
}

// ----------------------------------------------------------------------------------------------
// Raw EVP: the same operations the wrappers do, written out.
// ----------------------------------------------------------------------------------------------

/// Raw AEAD: one pre-keyed context per direction, nonce = salt || iv.
struct RawAead
{
    EVP_CIPHER_CTX* enc{EVP_CIPHER_CTX_new()};
    EVP_CIPHER_CTX* dec{EVP_CIPHER_CTX_new()};
    EVP_CIPHER* cipher{nullptr};
    bool ccm{false};
    bool gmac{false};
    size_t saltSize{4};
    size_t tagSize{16};
    uint8_t salt[4]{};

    RawAead(const char* name, const Bytes& keyMaterial, size_t salt_, size_t tag, bool isGmac)
        : saltSize(salt_),
          tagSize(tag)
    {
        cipher = EVP_CIPHER_fetch(nullptr, name, nullptr);
        ccm = std::strstr(name, "CCM") != nullptr;
        gmac = isGmac;
        const size_t keySize = keyMaterial.size() - saltSize;
        std::memcpy(salt, keyMaterial.data() + keySize, saltSize);
        for (auto [ctx, e] : {std::make_pair(enc, 1), std::make_pair(dec, 0)})
        {
            if (ccm)
            {
                size_t ivLen = saltSize + 8;
                OSSL_PARAM p[3] = {
                    OSSL_PARAM_construct_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN, &ivLen),
                    OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, nullptr, tagSize),
                    OSSL_PARAM_construct_end()};
                EVP_CipherInit_ex2(ctx, cipher, nullptr, nullptr, e, p);
                EVP_CipherInit_ex2(ctx, nullptr, keyMaterial.data(), nullptr, e, nullptr);
            }
            else
            {
                EVP_CipherInit_ex2(ctx, cipher, keyMaterial.data(), nullptr, e, nullptr);
            }
        }
    }

    ~RawAead()
    {
        EVP_CIPHER_CTX_free(enc);
        EVP_CIPHER_CTX_free(dec);
        EVP_CIPHER_free(cipher);
    }

    void Seal(const uint8_t* iv, const Bytes& aad, const Bytes& in, uint8_t* out, uint8_t* tag)
    {
        uint8_t nonce[12];
        std::memcpy(nonce, salt, saltSize);
        std::memcpy(nonce + saltSize, iv, 8);
        int len = 0;
        EVP_EncryptInit_ex2(enc, nullptr, nullptr, nonce, nullptr);
        if (gmac)
        {
            EVP_EncryptUpdate(enc, nullptr, &len, aad.data(), static_cast<int>(aad.size()));
            EVP_EncryptUpdate(enc, nullptr, &len, iv, 8);
            EVP_EncryptUpdate(enc, nullptr, &len, in.data(), static_cast<int>(in.size()));
            EVP_EncryptFinal_ex(enc, nullptr, &len);
            std::memcpy(out, in.data(), in.size());
        }
        else
        {
            if (ccm)
            {
                EVP_EncryptUpdate(enc, nullptr, &len, nullptr, static_cast<int>(in.size()));
            }
            EVP_EncryptUpdate(enc, nullptr, &len, aad.data(), static_cast<int>(aad.size()));
            EVP_EncryptUpdate(enc, out, &len, in.data(), static_cast<int>(in.size()));
            EVP_EncryptFinal_ex(enc, out + len, &len);
        }
        OSSL_PARAM p[2] = {
            OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, tagSize),
            OSSL_PARAM_construct_end()};
        EVP_CIPHER_CTX_get_params(enc, p);
    }

    bool Open(const uint8_t* iv, const Bytes& aad, const Bytes& in, uint8_t* out, uint8_t* tag)
    {
        uint8_t nonce[12];
        std::memcpy(nonce, salt, saltSize);
        std::memcpy(nonce + saltSize, iv, 8);
        int len = 0;
        EVP_DecryptInit_ex2(dec, nullptr, nullptr, nonce, nullptr);
        OSSL_PARAM p[2] = {
            OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, tagSize),
            OSSL_PARAM_construct_end()};
        EVP_CIPHER_CTX_set_params(dec, p);
        if (gmac)
        {
            EVP_DecryptUpdate(dec, nullptr, &len, aad.data(), static_cast<int>(aad.size()));
            EVP_DecryptUpdate(dec, nullptr, &len, iv, 8);
            EVP_DecryptUpdate(dec, nullptr, &len, in.data(), static_cast<int>(in.size()));
            const bool ok = EVP_DecryptFinal_ex(dec, nullptr, &len) == 1;
            std::memcpy(out, in.data(), in.size());
            return ok;
        }
        if (ccm)
        {
            EVP_DecryptUpdate(dec, nullptr, &len, nullptr, static_cast<int>(in.size()));
            EVP_DecryptUpdate(dec, nullptr, &len, aad.data(), static_cast<int>(aad.size()));
            return EVP_DecryptUpdate(dec, out, &len, in.data(), static_cast<int>(in.size())) == 1;
        }
        EVP_DecryptUpdate(dec, nullptr, &len, aad.data(), static_cast<int>(aad.size()));
        EVP_DecryptUpdate(dec, out, &len, in.data(), static_cast<int>(in.size()));
        return EVP_DecryptFinal_ex(dec, out + len, &len) == 1;
    }
};

/// Raw plain cipher (CBC / CTR / none): pre-keyed contexts, IV reset per packet.
struct RawCipher
{
    EVP_CIPHER_CTX* enc{nullptr};
    EVP_CIPHER_CTX* dec{nullptr};
    EVP_CIPHER* cipher{nullptr};
    bool ctr{false};
    uint8_t nonce[4]{};

    RawCipher(const char* name, const Bytes& keyMaterial)
    {
        if (name == nullptr)
        {
            return; // ENCR_NULL
        }
        cipher = EVP_CIPHER_fetch(nullptr, name, nullptr);
        ctr = std::strstr(name, "CTR") != nullptr;
        if (ctr)
        {
            std::memcpy(nonce, keyMaterial.data() + keyMaterial.size() - 4, 4);
        }
        enc = EVP_CIPHER_CTX_new();
        dec = EVP_CIPHER_CTX_new();
        EVP_EncryptInit_ex2(enc, cipher, keyMaterial.data(), nullptr, nullptr);
        EVP_DecryptInit_ex2(dec, cipher, keyMaterial.data(), nullptr, nullptr);
        EVP_CIPHER_CTX_set_padding(enc, 0);
        EVP_CIPHER_CTX_set_padding(dec, 0);
    }

    ~RawCipher()
    {
        EVP_CIPHER_CTX_free(enc);
        EVP_CIPHER_CTX_free(dec);
        EVP_CIPHER_free(cipher);
    }

    void Run(EVP_CIPHER_CTX* ctx, const uint8_t* iv, const Bytes& in, uint8_t* out)
    {
        if (ctx == nullptr)
        {
            std::memcpy(out, in.data(), in.size());
            return;
        }
        uint8_t block[16];
        const uint8_t* start = iv;
        if (ctr)
        {
            std::memcpy(block, nonce, 4);
            std::memcpy(block + 4, iv, 8);
            block[12] = block[13] = block[14] = 0;
            block[15] = 1;
            start = block;
        }
        int len = 0;
        EVP_CipherInit_ex2(ctx, nullptr, nullptr, start, -1, nullptr);
        EVP_CipherUpdate(ctx, out, &len, in.data(), static_cast<int>(in.size()));
    }
};

/// Raw keyed MAC: one EVP_MAC_CTX, re-initialised without its key per message.
struct RawMac
{
    EVP_MAC* mac{nullptr};
    EVP_MAC_CTX* ctx{nullptr};
    size_t icvSize;
    size_t macSize{0};

    RawMac(bool cmac, const char* digest, const Bytes& key, size_t icv)
        : icvSize(icv)
    {
        mac = EVP_MAC_fetch(nullptr, cmac ? "CMAC" : "HMAC", nullptr);
        ctx = EVP_MAC_CTX_new(mac);
        OSSL_PARAM p[2] = {
            OSSL_PARAM_construct_utf8_string(cmac ? OSSL_MAC_PARAM_CIPHER : OSSL_MAC_PARAM_DIGEST,
                                             const_cast<char*>(digest),
                                             0),
            OSSL_PARAM_construct_end()};
        EVP_MAC_init(ctx, key.data(), key.size(), p);
        macSize = EVP_MAC_CTX_get_mac_size(ctx);
    }

    ~RawMac()
    {
        EVP_MAC_CTX_free(ctx);
        EVP_MAC_free(mac);
    }

    void Compute(std::initializer_list<ByteView> parts, uint8_t* icv)
    {
        uint8_t full[64];
        size_t len = 0;
        EVP_MAC_init(ctx, nullptr, 0, nullptr);
        for (const auto& p : parts)
        {
            EVP_MAC_update(ctx, p.data, p.size);
        }
        EVP_MAC_final(ctx, full, &len, sizeof(full));
        std::memcpy(icv, full, icvSize);
    }

    bool Verify(std::initializer_list<ByteView> parts, const uint8_t* icv)
    {
        uint8_t mine[64];
        Compute(parts, mine);
        return CRYPTO_memcmp(mine, icv, icvSize) == 0;
    }
};

Bytes
Pattern(size_t n, uint8_t seed)
{
    Bytes b(n);
    for (size_t i = 0; i < n; ++i)
    {
        b[i] = static_cast<uint8_t>(seed + i * 7);
    }
    return b;
}

// ----------------------------------------------------------------------------------------------

struct AeadCase
{
    const char* label;
    EncrId id;
    uint16_t bits;
    const char* evpName;
    size_t salt;
};

void
BenchAead(const AeadCase& c, size_t size, uint64_t iterations)
{
    const Bytes key = Pattern(Cipher::GetKeyMaterialSize(c.id, c.bits), 1);
    auto wrapper = Cipher::Create(c.id, key);
    const bool gmac = c.id == EncrId::NULL_AUTH_AES_GMAC;
    RawAead raw(c.evpName, key, c.salt, wrapper->GetIcvSize(), gmac);
    const Bytes aad = Pattern(8, 9); // SPI || sequence number
    const Bytes msg = Pattern(size, 3);
    Bytes out(size);
    Bytes rawOut(size);
    Bytes tag(16);
    Bytes rawTag(16);
    uint8_t iv[8] = {};
    uint64_t seq = 0;
    // RFC 4106 3.1: the sequence number is a fine IV; ESP sends it in network order.
    auto nextIv = [&]() {
        ++seq;
        for (int i = 0; i < 8; ++i)
        {
            iv[i] = static_cast<uint8_t>(seq >> (56 - 8 * i));
        }
    };
    auto wrapperSeal = [&]() {
        nextIv();
        (void)wrapper->Encrypt(iv, aad, msg, out.data(), tag.data());
    };
    auto rawSeal = [&]() {
        nextIv();
        raw.Seal(iv, aad, msg, rawOut.data(), rawTag.data());
    };
    // Outputs must be equal for the same IV.
    std::memset(iv, 0x11, 8);
    (void)wrapper->Encrypt(iv, aad, msg, out.data(), tag.data());
    raw.Seal(iv, aad, msg, rawOut.data(), rawTag.data());
    Agree(out == rawOut && tag == rawTag, std::string(c.label) + " seal");
    const Bytes ct = out;
    const Bytes goodTag = tag;
    Bytes tagCopy = goodTag;
    uint8_t openIv[8];
    std::memcpy(openIv, iv, 8); // the seal loops below move iv on
    bool opened = true;
    auto wrapperOpen = [&]() {
        opened &= wrapper->Decrypt(openIv, aad, ct, out.data(), goodTag.data()) == CryptoStatus::OK;
    };
    auto rawOpen = [&]() { opened &= raw.Open(openIv, aad, ct, rawOut.data(), tagCopy.data()); };

    auto [ws, rs] = Compare(wrapperSeal, rawSeal, iterations, g_rounds, g_roundMicros);
    PrintRow(std::string(c.label) + " seal", size, ws, rs, "ns");
    auto [wo, ro] = Compare(wrapperOpen, rawOpen, iterations, g_rounds, g_roundMicros);
    PrintRow(std::string(c.label) + " open", size, wo, ro, "ns");
    Agree(opened && out == msg, std::string(c.label) + " open");
}

struct ComboCase
{
    const char* label;
    EncrId encr;
    uint16_t bits;
    const char* evpName; // null: ENCR_NULL
    IntegId integ;
    bool cmac;
    const char* macAlgorithm;
};

void
BenchCombo(const ComboCase& c, size_t size, uint64_t iterations)
{
    const Bytes encKey = Pattern(Cipher::GetKeyMaterialSize(c.encr, c.bits), 5);
    const Bytes macKey = Pattern(Integrity::GetKeySize(c.integ), 6);
    auto cipher = Cipher::Create(c.encr, encKey);
    auto integ = Integrity::Create(c.integ, macKey);
    RawCipher rawCipher(c.evpName, encKey);
    RawMac rawMac(c.cmac, c.macAlgorithm, macKey, integ->GetIcvSize());
    const size_t block = cipher->GetBlockSize();
    const Bytes header = Pattern(8, 9);
    const Bytes msg = Pattern((size + block - 1) / block * block, 3);
    const Bytes iv = Pattern(cipher->GetIvSize(), 4);
    Bytes out(msg.size());
    Bytes rawOut(msg.size());
    Bytes icv(32);
    Bytes rawIcv(32);
    // ESP (RFC 4303 3.3.2): encrypt, then the ICV over SPI || seq || IV || ciphertext.
    auto wrapperSeal = [&]() {
        (void)cipher->Encrypt(iv.data(), {}, msg, out.data(), nullptr);
        (void)integ->Compute({header, iv, out}, icv.data());
    };
    auto rawSeal = [&]() {
        rawCipher.Run(rawCipher.enc, iv.data(), msg, rawOut.data());
        rawMac.Compute({header, iv, rawOut}, rawIcv.data());
    };
    wrapperSeal();
    rawSeal();
    Agree(out == rawOut && icv == rawIcv, std::string(c.label) + " seal");
    const Bytes ct = out;
    const Bytes goodIcv = icv;
    bool opened = true;
    auto wrapperOpen = [&]() {
        opened &= integ->Verify({header, iv, ct}, goodIcv.data()) == CryptoStatus::OK;
        (void)cipher->Decrypt(iv.data(), {}, ct, out.data(), nullptr);
    };
    auto rawOpen = [&]() {
        opened &= rawMac.Verify({header, iv, ct}, goodIcv.data());
        rawCipher.Run(rawCipher.dec, iv.data(), ct, rawOut.data());
    };
    auto [ws, rs] = Compare(wrapperSeal, rawSeal, iterations, g_rounds, g_roundMicros);
    PrintRow(std::string(c.label) + " seal", msg.size(), ws, rs, "ns");
    auto [wo, ro] = Compare(wrapperOpen, rawOpen, iterations, g_rounds, g_roundMicros);
    PrintRow(std::string(c.label) + " open", msg.size(), wo, ro, "ns");
    Agree(opened && out == msg && rawOut == msg, std::string(c.label) + " open");
}

// ----------------------------------------------------------------------------------------------

struct DhCase
{
    const char* label;
    DhGroupId group;
    const char* keyType;   // "DH", "EC", "X25519", "X448"
    const char* groupName; // OpenSSL group / curve name; null: explicit RFC 2409 prime
    const char* primeHex;
    int privateBits; // the wrapper's MODP exponent length
};

const char kModp768[] =
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A3620"
    "FFFFFFFFFFFFFFFF";
const char kModp1024[] =
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B"
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF";

/// Native-endian copy of a big-endian hex number, for OSSL_PARAM_construct_BN.
Bytes
NativeFromHex(const char* hex)
{
    Bytes out;
    for (size_t i = 0; hex[i] != 0; i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::stoul(std::string(hex + i, 2), nullptr, 16)));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

/// Raw EVP: generate a key (OpenSSL's RNG), export the public value as on the wire, import the
/// peer's wire value and derive.
class RawDh
{
  public:
    explicit RawDh(const DhCase& c)
        : m_case(c)
    {
        if (c.primeHex != nullptr)
        {
            m_prime = NativeFromHex(c.primeHex);
        }
    }

    /// Parameters common to keygen and peer import.
    size_t Params(OSSL_PARAM* p)
    {
        size_t n = 0;
        if (m_case.groupName != nullptr)
        {
            p[n++] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                      const_cast<char*>(m_case.groupName),
                                                      0);
        }
        else if (!m_prime.empty())
        {
            p[n++] = OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_FFC_P, m_prime.data(), m_prime.size());
            p[n++] = OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_FFC_G, &m_generator, 1);
        }
        return n;
    }

    /// Keygen + public value on the wire + import the peer value + derive.
    Bytes Run(const Bytes& peerWire)
    {
        const std::string type = m_case.keyType;
        EVP_PKEY* key = nullptr;
        EVP_PKEY_CTX* gen = nullptr;
        if (type == "DH" && m_case.groupName == nullptr)
        {
            // Explicit-prime groups: domain parameters first, then keygen from them.
            OSSL_PARAM p[4];
            size_t n = Params(p);
            p[n] = OSSL_PARAM_construct_end();
            EVP_PKEY_CTX* pc = EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr);
            EVP_PKEY* params = nullptr;
            EVP_PKEY_fromdata_init(pc);
            EVP_PKEY_fromdata(pc, &params, EVP_PKEY_KEY_PARAMETERS, p);
            gen = EVP_PKEY_CTX_new_from_pkey(nullptr, params, nullptr);
            EVP_PKEY_keygen_init(gen);
            EVP_PKEY_free(params);
            EVP_PKEY_CTX_free(pc);
        }
        else
        {
            gen = EVP_PKEY_CTX_new_from_name(nullptr, m_case.keyType, nullptr);
            EVP_PKEY_keygen_init(gen);
            if (m_case.groupName != nullptr)
            {
                OSSL_PARAM p[2] = {
                    OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                     const_cast<char*>(m_case.groupName),
                                                     0),
                    OSSL_PARAM_construct_end()};
                EVP_PKEY_CTX_set_params(gen, p);
            }
        }
        if (type == "DH")
        {
            // The same exponent length as the wrapper, so both do the same work.
            int bits = m_case.privateBits;
            OSSL_PARAM p[2] = {OSSL_PARAM_construct_int(OSSL_PKEY_PARAM_DH_PRIV_LEN, &bits),
                               OSSL_PARAM_construct_end()};
            EVP_PKEY_CTX_set_params(gen, p);
        }
        EVP_PKEY_generate(gen, &key);
        EVP_PKEY_CTX_free(gen);

        // Our public value in wire form (what goes into the KE payload).
        uint8_t pub[1200];
        size_t pubLen = 0;
        if (type == "DH")
        {
            pubLen = peerWire.size();
            Bytes native(pubLen);
            OSSL_PARAM p[2] = {
                OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_PUB_KEY, native.data(), native.size()),
                OSSL_PARAM_construct_end()};
            EVP_PKEY_get_params(key, p);
            std::reverse_copy(native.begin(), native.end(), pub);
        }
        else if (type == "EC")
        {
            EVP_PKEY_get_octet_string_param(key,
                                            OSSL_PKEY_PARAM_PUB_KEY,
                                            pub,
                                            sizeof(pub),
                                            &pubLen);
        }
        else
        {
            pubLen = sizeof(pub);
            EVP_PKEY_get_raw_public_key(key, pub, &pubLen);
        }
        m_publicLength = pubLen;

        // The peer from wire octets.
        EVP_PKEY* peer = nullptr;
        if (type == "X25519" || type == "X448")
        {
            peer = EVP_PKEY_new_raw_public_key_ex(nullptr,
                                                  m_case.keyType,
                                                  nullptr,
                                                  peerWire.data(),
                                                  peerWire.size());
        }
        else
        {
            Bytes value;
            OSSL_PARAM p[5];
            size_t n = Params(p);
            if (type == "EC")
            {
                value.push_back(0x04);
                value.insert(value.end(), peerWire.begin(), peerWire.end());
                p[n++] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
                                                           value.data(),
                                                           value.size());
            }
            else
            {
                value.assign(peerWire.rbegin(), peerWire.rend());
                p[n++] =
                    OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_PUB_KEY, value.data(), value.size());
            }
            p[n] = OSSL_PARAM_construct_end();
            EVP_PKEY_CTX* pc = EVP_PKEY_CTX_new_from_name(nullptr, m_case.keyType, nullptr);
            EVP_PKEY_fromdata_init(pc);
            EVP_PKEY_fromdata(pc, &peer, EVP_PKEY_PUBLIC_KEY, p);
            EVP_PKEY_CTX_free(pc);
        }
        EVP_PKEY_CTX* dc = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
        int pad = 1;
        OSSL_PARAM dp[2] = {OSSL_PARAM_construct_int(OSSL_EXCHANGE_PARAM_PAD, &pad),
                            OSSL_PARAM_construct_end()};
        EVP_PKEY_derive_init_ex(dc, type == "DH" ? dp : nullptr);
        EVP_PKEY_derive_set_peer_ex(dc, peer, 0);
        size_t len = 0;
        EVP_PKEY_derive(dc, nullptr, &len);
        Bytes secret(len);
        EVP_PKEY_derive(dc, secret.data(), &len);
        EVP_PKEY_CTX_free(dc);
        EVP_PKEY_free(peer);
        EVP_PKEY_free(key);
        return secret;
    }

    size_t m_publicLength{0}; //!< wire length of the last public value (checked)

  private:
    DhCase m_case;
    Bytes m_prime;
    uint8_t m_generator{2};
};

void
BenchDh(const DhCase& c, uint64_t iterations, double budgetSeconds, RandomSource& rng)
{
    auto peer = KeyExchange::Create(c.group, rng);
    const Bytes peerWire = peer->GetPublicValue();
    RawDh raw(c);
    Bytes secret;
    bool ok = true;
    auto wrapperOp = [&]() {
        auto kex = KeyExchange::Create(c.group, rng);
        ok &= kex->ComputeSharedSecret(peerWire, &secret) == CryptoStatus::OK;
    };
    auto rawOp = [&]() { secret = raw.Run(peerWire); };
    // Time-boxed: the large MODP groups take tens of milliseconds per exchange.
    wrapperOp();
    rawOp();
    Agree(ok && secret.size() == KeyExchange::GetPublicValueSizeOf(c.group) /
                                     (std::strcmp(c.keyType, "EC") == 0 ? 2 : 1),
          std::string(c.label) + " derive");
    Agree(raw.m_publicLength == peerWire.size() + (std::strcmp(c.keyType, "EC") == 0 ? 1 : 0),
          std::string(c.label) + " public value length");
    double bestWrapper = 1e300;
    double bestRaw = 1e300;
    const auto start = Clock::now();
    uint64_t done = 0;
    uint64_t allocations = 0;
    while (done < iterations)
    {
        const uint64_t before = g_allocations;
        bestWrapper = std::min(bestWrapper, TimeOnce(wrapperOp, 1));
        allocations += g_allocations - before;
        bestRaw = std::min(bestRaw, TimeOnce(rawOp, 1));
        ++done;
        if (std::chrono::duration<double>(Clock::now() - start).count() > budgetSeconds)
        {
            break;
        }
    }
    g_lastAllocs = static_cast<double>(allocations) / static_cast<double>(done);
    PrintRow(std::string(c.label) + " keygen+derive", peerWire.size(), bestWrapper, bestRaw, "us");
}

} // namespace

int
main(int argc, char* argv[])
{
    uint64_t iterations = 100000;
    uint64_t dhIterations = 20;
    double dhBudget = 0.5;
    bool quick = false;
    // Before any OpenSSL call: count its heap allocations, to show the per-packet paths have none.
    CRYPTO_set_mem_functions(CountingMalloc, CountingRealloc, CountingFree);
    CommandLine cmd(__FILE__);
    cmd.AddValue("iterations",
                 "most packets per (transform, size) and side, split over the rounds",
                 iterations);
    cmd.AddValue("rounds", "alternating wrapper/raw rounds; the best round counts", g_rounds);
    cmd.AddValue("roundMicros", "target length of one round, in microseconds", g_roundMicros);
    cmd.AddValue("dhIterations", "key exchanges per group (at most)", dhIterations);
    cmd.AddValue("dhBudget", "seconds per DH group, at most", dhBudget);
    cmd.AddValue("quick", "tiny run (example test): a few hundred packets, one exchange", quick);
    cmd.Parse(argc, argv);
    if (quick)
    {
        iterations = 400;
        dhIterations = 1;
        dhBudget = 0.05;
        g_rounds = 2;
    }

    auto rng = CreateObject<RandomSource>();
    rng->AssignStreams(1);

    std::printf("%-44s %6s %12s %12s %7s %7s\n",
                "operation",
                "octets",
                "wrapper",
                "raw EVP",
                "ratio",
                "allocs");

    const AeadCase aeads[] = {
        {"AES-128-GCM-16", EncrId::AES_GCM_16, 128, "AES-128-GCM", 4},
        {"AES-256-GCM-16", EncrId::AES_GCM_16, 256, "AES-256-GCM", 4},
        {"AES-128-CCM-16", EncrId::AES_CCM_16, 128, "AES-128-CCM", 3},
        {"CHACHA20-POLY1305", EncrId::CHACHA20_POLY1305, 0, "ChaCha20-Poly1305", 4},
        {"AES-128-GMAC (NULL_AUTH_AES_GMAC)", EncrId::NULL_AUTH_AES_GMAC, 128, "AES-128-GCM", 4},
    };
    const ComboCase combos[] = {
        {"AES-128-CBC + HMAC-SHA1-96",
         EncrId::AES_CBC,
         128,
         "AES-128-CBC",
         IntegId::HMAC_SHA1_96,
         false,
         "SHA1"},
        {"AES-128-CBC + HMAC-SHA2-256-128",
         EncrId::AES_CBC,
         128,
         "AES-128-CBC",
         IntegId::HMAC_SHA2_256_128,
         false,
         "SHA2-256"},
        {"AES-256-CBC + HMAC-SHA2-512-256",
         EncrId::AES_CBC,
         256,
         "AES-256-CBC",
         IntegId::HMAC_SHA2_512_256,
         false,
         "SHA2-512"},
        {"AES-128-CTR + AES-CMAC-96",
         EncrId::AES_CTR,
         128,
         "AES-128-CTR",
         IntegId::AES_CMAC_96,
         true,
         "AES-128-CBC"},
        {"3DES-CBC + HMAC-SHA1-96",
         EncrId::TRIPLE_DES,
         0,
         "DES-EDE3-CBC",
         IntegId::HMAC_SHA1_96,
         false,
         "SHA1"},
        {"NULL + HMAC-SHA2-256-128",
         EncrId::NULL_ENCR,
         0,
         nullptr,
         IntegId::HMAC_SHA2_256_128,
         false,
         "SHA2-256"},
    };
    for (size_t size : {64u, 576u, 1400u})
    {
        for (const auto& c : aeads)
        {
            BenchAead(c, size, iterations);
        }
        for (const auto& c : combos)
        {
            BenchCombo(c, size, iterations);
        }
    }

    // Why the design keeps the choices it does.
    {
        auto gen = IvGenerator::Create(*rng);
        uint8_t iv[16];
        auto [g, r] = Compare([&]() { gen->Next(iv, 16); },
                              [&]() { (void)RAND_bytes(iv, 16); },
                              iterations,
                              g_rounds,
                              g_roundMicros);
        std::printf("%-44s %6d %12.1f %12.1f %7.3f %7.2f  ns (raw = RAND_bytes)\n",
                    "CBC IV: IvGenerator::Next",
                    16,
                    g,
                    r,
                    g / r,
                    g_lastAllocs);
    }
    {
        const Bytes key = Pattern(32, 1);
        const Bytes msg = Pattern(64, 2);
        RawMac reinit(false, "SHA2-256", key, 16);
        uint8_t icv[64];
        size_t len = 0;
        auto [a, b] = Compare([&]() { reinit.Compute({msg}, icv); },
                              [&]() {
                                  EVP_MAC_CTX* dup = EVP_MAC_CTX_dup(reinit.ctx);
                                  EVP_MAC_update(dup, msg.data(), msg.size());
                                  EVP_MAC_final(dup, icv, &len, sizeof(icv));
                                  EVP_MAC_CTX_free(dup);
                              },
                              iterations,
                              g_rounds,
                              g_roundMicros);
        std::printf("%-44s %6d %12.1f %12.1f %7.3f %7.2f  ns (raw = EVP_MAC_CTX_dup per message)\n",
                    "HMAC-SHA-256: re-init keyed ctx (used)",
                    64,
                    a,
                    b,
                    a / b,
                    g_lastAllocs);
    }

    // OpenSSL state a keyed transform keeps (per SA and direction), after its first packet.
    {
        struct StateCase
        {
            const char* label;
            EncrId encr;
            uint16_t bits;
            IntegId integ;
        };

        const StateCase states[] = {
            {"AES-128-GCM-16", EncrId::AES_GCM_16, 128, IntegId::NONE},
            {"AES-128-CCM-16", EncrId::AES_CCM_16, 128, IntegId::NONE},
            {"CHACHA20-POLY1305", EncrId::CHACHA20_POLY1305, 0, IntegId::NONE},
            {"AES-128-CBC", EncrId::AES_CBC, 128, IntegId::NONE},
            {"AES-128-CTR", EncrId::AES_CTR, 128, IntegId::NONE},
            {"HMAC-SHA2-256-128", EncrId::NULL_ENCR, 0, IntegId::HMAC_SHA2_256_128},
            {"AES-XCBC-96", EncrId::NULL_ENCR, 0, IntegId::AES_XCBC_96},
        };
        for (const auto& st : states)
        {
            const int64_t before = g_liveBytes;
            uint8_t buffer[64] = {};
            uint8_t tag[16];
            if (st.integ == IntegId::NONE)
            {
                auto c = Cipher::Create(st.encr,
                                        Pattern(Cipher::GetKeyMaterialSize(st.encr, st.bits), 1));
                (void)c->Encrypt(buffer, {}, ByteView(buffer, 32), buffer, tag);
                std::printf("%-44s %6s %12lld octets of OpenSSL state per object\n",
                            st.label,
                            "",
                            static_cast<long long>(g_liveBytes - before));
            }
            else
            {
                auto m = Integrity::Create(st.integ, Pattern(Integrity::GetKeySize(st.integ), 1));
                (void)m->Compute({ByteView(buffer, 32)}, tag);
                std::printf("%-44s %6s %12lld octets of OpenSSL state per object\n",
                            st.label,
                            "",
                            static_cast<long long>(g_liveBytes - before));
            }
        }
    }

    const DhCase groups[] = {
        {"MODP-768 (1)", DhGroupId::MODP_768, "DH", nullptr, kModp768, 160},
        {"MODP-1024 (2)", DhGroupId::MODP_1024, "DH", nullptr, kModp1024, 160},
        {"MODP-1536 (5)", DhGroupId::MODP_1536, "DH", "modp_1536", nullptr, 192},
        {"MODP-2048 (14)", DhGroupId::MODP_2048, "DH", "modp_2048", nullptr, 224},
        {"MODP-3072 (15)", DhGroupId::MODP_3072, "DH", "modp_3072", nullptr, 256},
        {"MODP-4096 (16)", DhGroupId::MODP_4096, "DH", "modp_4096", nullptr, 304},
        {"MODP-6144 (17)", DhGroupId::MODP_6144, "DH", "modp_6144", nullptr, 352},
        {"MODP-8192 (18)", DhGroupId::MODP_8192, "DH", "modp_8192", nullptr, 400},
        {"ECP-256 (19)", DhGroupId::ECP_256, "EC", "P-256", nullptr, 0},
        {"ECP-384 (20)", DhGroupId::ECP_384, "EC", "P-384", nullptr, 0},
        {"ECP-521 (21)", DhGroupId::ECP_521, "EC", "P-521", nullptr, 0},
        {"Curve25519 (31)", DhGroupId::CURVE25519, "X25519", nullptr, nullptr, 0},
        {"Curve448 (32)", DhGroupId::CURVE448, "X448", nullptr, nullptr, 0},
    };
    for (const auto& c : groups)
    {
        BenchDh(c, dhIterations, dhBudget, *rng);
    }
    std::printf("agree: %s\n", g_agree ? "yes" : "no");
    return g_agree ? 0 : 1;
}
