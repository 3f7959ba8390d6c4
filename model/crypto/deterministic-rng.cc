/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "deterministic-rng.h"

#include "random-source.h"

#include "ns3/fatal-error.h"
#include "ns3/log.h"

#include <cstring>
#include <openssl/core.h>
#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DeterministicRng");

namespace
{

/// Provider and algorithm names of the stream generator.
constexpr char PROVIDER_NAME[] = "ns3-stream-rand";
constexpr char RAND_NAME[] = "NS3-STREAM-RAND";
/// Parameter that keys a generator: 32-octet AES-256 key || 16-octet initial counter block.
constexpr char KEY_PARAM[] = "ns3-key";
constexpr size_t KEY_SIZE = 32;
constexpr size_t BLOCK_SIZE = 16;
/// Security strength the generator claims, so that OpenSSL accepts it for every key size.
constexpr unsigned int STRENGTH = 256;
/// Largest single request; OpenSSL splits larger ones.
constexpr size_t MAX_REQUEST = 1 << 16;

/// One generator instance (the context's primary, public or private DRBG).
struct StreamRand
{
    EVP_CIPHER_CTX* cipher{nullptr}; //!< AES-256-CTR, keyed by the last reseed
    int state{EVP_RAND_STATE_UNINITIALISED};
};

/// AES-256-CTR from the default library context: the generator's own context would recurse.
const EVP_CIPHER*
Aes256Ctr()
{
    static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
    return cipher;
}

bool
Rekey(StreamRand* r, const uint8_t* key, const uint8_t* iv)
{
    return Aes256Ctr() != nullptr &&
           EVP_EncryptInit_ex2(r->cipher, Aes256Ctr(), key, iv, nullptr) == 1;
}

void*
StreamNew(void* /* provctx */, void* /* parent */, const OSSL_DISPATCH* /* parent_calls */)
{
    auto* r = new StreamRand;
    r->cipher = EVP_CIPHER_CTX_new();
    // Until the first reseed, a fixed all-zero key: still deterministic, never system entropy.
    const uint8_t zero[KEY_SIZE] = {0};
    if (r->cipher == nullptr || !Rekey(r, zero, zero))
    {
        EVP_CIPHER_CTX_free(r->cipher);
        delete r;
        return nullptr;
    }
    return r;
}

void
StreamFree(void* vctx)
{
    auto* r = static_cast<StreamRand*>(vctx);
    if (r != nullptr)
    {
        EVP_CIPHER_CTX_free(r->cipher);
        delete r;
    }
}

int
StreamInstantiate(void* vctx,
                  unsigned int strength,
                  int /* prediction_resistance */,
                  const unsigned char* /* pstr */,
                  size_t /* pstr_len */,
                  const OSSL_PARAM* /* params */)
{
    auto* r = static_cast<StreamRand*>(vctx);
    if (strength > STRENGTH)
    {
        return 0;
    }
    r->state = EVP_RAND_STATE_READY;
    return 1;
}

int
StreamUninstantiate(void* vctx)
{
    static_cast<StreamRand*>(vctx)->state = EVP_RAND_STATE_UNINITIALISED;
    return 1;
}

int
StreamGenerate(void* vctx,
               unsigned char* out,
               size_t outlen,
               unsigned int strength,
               int /* prediction_resistance */,
               const unsigned char* /* addin */,
               size_t /* addin_len */)
{
    auto* r = static_cast<StreamRand*>(vctx);
    if (r->state != EVP_RAND_STATE_READY || strength > STRENGTH || outlen > MAX_REQUEST)
    {
        return 0;
    }
    // The keystream is the encryption of zeros.
    std::memset(out, 0, outlen);
    int n = 0;
    return EVP_EncryptUpdate(r->cipher, out, &n, out, static_cast<int>(outlen)) == 1 &&
           static_cast<size_t>(n) == outlen;
}

int
StreamReseed(void* /* vctx */,
             int /* prediction_resistance */,
             const unsigned char* /* ent */,
             size_t /* ent_len */,
             const unsigned char* /* addin */,
             size_t /* addin_len */)
{
    // Entropy from OpenSSL's seed sources is ignored on purpose: only ns3-key reseeds.
    return 1;
}

int
StreamEnableLocking(void* /* vctx */)
{
    return 1;
}

int
StreamLock(void* /* vctx */)
{
    return 1;
}

void
StreamUnlock(void* /* vctx */)
{
}

const OSSL_PARAM*
StreamGettableCtxParams(void* /* vctx */, void* /* provctx */)
{
    static const OSSL_PARAM params[] = {OSSL_PARAM_int(OSSL_RAND_PARAM_STATE, nullptr),
                                        OSSL_PARAM_uint(OSSL_RAND_PARAM_STRENGTH, nullptr),
                                        OSSL_PARAM_size_t(OSSL_RAND_PARAM_MAX_REQUEST, nullptr),
                                        OSSL_PARAM_END};
    return params;
}

int
StreamGetCtxParams(void* vctx, OSSL_PARAM params[])
{
    auto* r = static_cast<StreamRand*>(vctx);
    OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STATE);
    if (p != nullptr && !OSSL_PARAM_set_int(p, r->state))
    {
        return 0;
    }
    p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STRENGTH);
    if (p != nullptr && !OSSL_PARAM_set_uint(p, STRENGTH))
    {
        return 0;
    }
    p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_MAX_REQUEST);
    return p == nullptr || OSSL_PARAM_set_size_t(p, MAX_REQUEST);
}

const OSSL_PARAM*
StreamSettableCtxParams(void* /* vctx */, void* /* provctx */)
{
    static const OSSL_PARAM params[] = {OSSL_PARAM_octet_string(KEY_PARAM, nullptr, 0),
                                        OSSL_PARAM_END};
    return params;
}

int
StreamSetCtxParams(void* vctx, const OSSL_PARAM params[])
{
    const OSSL_PARAM* p = OSSL_PARAM_locate_const(params, KEY_PARAM);
    if (p == nullptr)
    {
        return 1; // e.g. the reseed intervals OpenSSL sets on every DRBG: not applicable
    }
    const void* data = nullptr;
    size_t size = 0;
    if (!OSSL_PARAM_get_octet_string_ptr(p, &data, &size) || size != KEY_SIZE + BLOCK_SIZE)
    {
        return 0;
    }
    const auto* octets = static_cast<const uint8_t*>(data);
    return Rekey(static_cast<StreamRand*>(vctx), octets, octets + KEY_SIZE);
}

using Fn = void (*)();

const OSSL_DISPATCH kRandFunctions[] = {
    {OSSL_FUNC_RAND_NEWCTX, reinterpret_cast<Fn>(StreamNew)},
    {OSSL_FUNC_RAND_FREECTX, reinterpret_cast<Fn>(StreamFree)},
    {OSSL_FUNC_RAND_INSTANTIATE, reinterpret_cast<Fn>(StreamInstantiate)},
    {OSSL_FUNC_RAND_UNINSTANTIATE, reinterpret_cast<Fn>(StreamUninstantiate)},
    {OSSL_FUNC_RAND_GENERATE, reinterpret_cast<Fn>(StreamGenerate)},
    {OSSL_FUNC_RAND_RESEED, reinterpret_cast<Fn>(StreamReseed)},
    {OSSL_FUNC_RAND_ENABLE_LOCKING, reinterpret_cast<Fn>(StreamEnableLocking)},
    {OSSL_FUNC_RAND_LOCK, reinterpret_cast<Fn>(StreamLock)},
    {OSSL_FUNC_RAND_UNLOCK, reinterpret_cast<Fn>(StreamUnlock)},
    {OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, reinterpret_cast<Fn>(StreamGettableCtxParams)},
    {OSSL_FUNC_RAND_GET_CTX_PARAMS, reinterpret_cast<Fn>(StreamGetCtxParams)},
    {OSSL_FUNC_RAND_SETTABLE_CTX_PARAMS, reinterpret_cast<Fn>(StreamSettableCtxParams)},
    {OSSL_FUNC_RAND_SET_CTX_PARAMS, reinterpret_cast<Fn>(StreamSetCtxParams)},
    {0, nullptr}};

const OSSL_ALGORITHM kRandAlgorithms[] = {
    {RAND_NAME, "provider=ns3-stream-rand", kRandFunctions, "ns-3 stream-keyed AES-256-CTR"},
    {nullptr, nullptr, nullptr, nullptr}};

const OSSL_ALGORITHM*
QueryOperation(void* /* provctx */, int operation, int* noStore)
{
    *noStore = 0;
    return operation == OSSL_OP_RAND ? kRandAlgorithms : nullptr;
}

const OSSL_DISPATCH kProviderFunctions[] = {
    {OSSL_FUNC_PROVIDER_QUERY_OPERATION, reinterpret_cast<Fn>(QueryOperation)},
    {0, nullptr}};

int
ProviderInit(const OSSL_CORE_HANDLE* /* handle */,
             const OSSL_DISPATCH* /* in */,
             const OSSL_DISPATCH** out,
             void** provctx)
{
    *out = kProviderFunctions;
    *provctx = nullptr;
    return 1;
}

} // namespace

DeterministicRng&
DeterministicRng::Get()
{
    static DeterministicRng instance;
    return instance;
}

DeterministicRng::DeterministicRng()
    : m_libCtx(OSSL_LIB_CTX_new())
{
    // Loading a provider explicitly turns off the implicit default provider: load both.
    if (m_libCtx != nullptr &&
        OSSL_PROVIDER_add_builtin(m_libCtx, PROVIDER_NAME, ProviderInit) == 1)
    {
        m_streamProvider = OSSL_PROVIDER_load(m_libCtx, PROVIDER_NAME);
        m_defaultProvider = OSSL_PROVIDER_load(m_libCtx, "default");
    }
    if (m_streamProvider == nullptr || m_defaultProvider == nullptr ||
        RAND_set_DRBG_type(m_libCtx, RAND_NAME, "provider=ns3-stream-rand", nullptr, nullptr) !=
            1 ||
        RAND_get0_private(m_libCtx) == nullptr || RAND_get0_public(m_libCtx) == nullptr)
    {
        NS_FATAL_ERROR("OpenSSL: cannot create the deterministic library context");
    }
}

DeterministicRng::~DeterministicRng()
{
    OSSL_PROVIDER_unload(m_defaultProvider);
    OSSL_PROVIDER_unload(m_streamProvider);
    OSSL_LIB_CTX_free(m_libCtx);
}

ossl_lib_ctx_st*
DeterministicRng::GetLibCtx() const
{
    return m_libCtx;
}

CryptoStatus
DeterministicRng::Reseed(ByteView seed)
{
    NS_LOG_FUNCTION(this << seed.size);
    if (seed.size != SEED_SIZE)
    {
        return CryptoStatus::BAD_KEY_LENGTH;
    }
    EVP_RAND_CTX* generators[2] = {RAND_get0_private(m_libCtx), RAND_get0_public(m_libCtx)};
    for (uint8_t i = 0; i < 2; ++i)
    {
        // Same key, distinct counter blocks: two independent keystreams.
        uint8_t keyAndIv[KEY_SIZE + BLOCK_SIZE] = {0};
        std::memcpy(keyAndIv, seed.data, KEY_SIZE);
        keyAndIv[KEY_SIZE] = i;
        OSSL_PARAM params[2] = {
            OSSL_PARAM_construct_octet_string(KEY_PARAM, keyAndIv, sizeof(keyAndIv)),
            OSSL_PARAM_construct_end()};
        if (generators[i] == nullptr || EVP_RAND_CTX_set_params(generators[i], params) != 1)
        {
            return CryptoStatus::BACKEND_ERROR;
        }
    }
    return CryptoStatus::OK;
}

CryptoStatus
DeterministicRng::Reseed(RandomSource& rng)
{
    uint8_t seed[SEED_SIZE];
    rng.Fill(seed, sizeof(seed));
    return Reseed(ByteView(seed, sizeof(seed)));
}

Bytes
DeterministicRng::Draw(size_t n)
{
    Bytes out(n);
    if (RAND_priv_bytes_ex(m_libCtx, out.data(), out.size(), 0) != 1)
    {
        out.clear();
    }
    return out;
}

} // namespace ns3
