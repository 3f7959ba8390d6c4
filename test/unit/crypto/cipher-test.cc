/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Cipher against published ESP and NIST vectors: AES-GCM and AES-GMAC (draft-mcgrew-gcm-test-01),
 * AES-CBC (RFC 3602), AES-CTR (RFC 3686), ChaCha20-Poly1305 (RFC 7634), AES-CCM (NIST CAVP with
 * the RFC 4309 11-octet nonce, plus a from-the-RFC CCM reference for the 8/12-octet ICVs),
 * 3DES-CBC (NIST CAVP); then the error paths.
 */

#include "crypto-test-vectors.h"

#include "ns3/cipher.h"

#include <algorithm>
#include <cstring>
#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace ns3
{
namespace
{

using test::FromHex;
using test::LoadVectors;
using test::ToHex;

Bytes
Cat(const Bytes& a, const Bytes& b)
{
    Bytes out(a);
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

Bytes
Slice(const Bytes& b, size_t from, size_t n = std::string::npos)
{
    const size_t end = n == std::string::npos ? b.size() : from + n;
    return Bytes(b.begin() + from, b.begin() + end);
}

std::unique_ptr<Cipher>
Make(EncrId id, const Bytes& keyMaterial)
{
    CryptoStatus st = CryptoStatus::BACKEND_ERROR;
    auto c = Cipher::Create(id, keyMaterial, &st);
    EXPECT_EQ(st, CryptoStatus::OK) << CryptoStatusName(st);
    return c;
}

EncrId
GcmIdForTag(size_t tag)
{
    return tag == 8 ? EncrId::AES_GCM_8 : tag == 12 ? EncrId::AES_GCM_12 : EncrId::AES_GCM_16;
}

// draft-mcgrew-gcm-test-01 section 4: each complete ESP packet, through Cipher with
// key material = key || salt and IV = the packet's 8-octet IV.
TEST(CipherTest, AesGcmEspDraftMcGrewVectors)
{
    int cases = 0;
    for (const auto& r : LoadVectors("esp_gcm_draft-mcgrew-gcm-test-01.txt"))
    {
        if (r.Get("algorithm") != "AES-GCM-ESP")
        {
            continue;
        }
        const Bytes key = r.Hex("key");
        const Bytes nonce = r.Hex("nonce");
        const Bytes aad = r.Hex("aad");
        const Bytes plaintext = r.Hex("plaintext");
        const Bytes expected = r.Hex("ctext_tag");
        const Bytes iv = Slice(nonce, 4);
        const Bytes fullTag = Slice(expected, plaintext.size());
        ASSERT_EQ(fullTag.size(), 16u);
        // The AAD is SPI || seq (|| the high ESN half): the packet starts with SPI || low seq.
        const Bytes packet = r.Hex("packet");
        EXPECT_EQ(Slice(packet, 0, 4), Slice(aad, 0, 4));
        EXPECT_EQ(Slice(packet, 8, 8), iv);
        EXPECT_EQ(Slice(packet, 16), expected);

        // The truncated ICVs of RFC 4106 are prefixes of the full GCM tag.
        for (size_t tagSize : {16u, 12u, 8u})
        {
            auto c = Make(GcmIdForTag(tagSize), Cat(key, Slice(nonce, 0, 4)));
            ASSERT_TRUE(c);
            EXPECT_EQ(c->GetIcvSize(), tagSize);
            Bytes out(plaintext.size());
            Bytes tag(tagSize);
            ASSERT_EQ(c->Encrypt(iv.data(), aad, plaintext, out.data(), tag.data()),
                      CryptoStatus::OK);
            EXPECT_EQ(ToHex(out), ToHex(Slice(expected, 0, plaintext.size()))) << r.line;
            EXPECT_EQ(ToHex(tag), ToHex(Slice(fullTag, 0, tagSize))) << r.line;

            Bytes back(out.size());
            ASSERT_EQ(c->Decrypt(iv.data(), aad, out, back.data(), tag.data()), CryptoStatus::OK);
            EXPECT_EQ(back, plaintext);
            tag[0] ^= 0x80;
            EXPECT_EQ(c->Decrypt(iv.data(), aad, out, back.data(), tag.data()),
                      CryptoStatus::AUTH_FAILED);

            // A decrypt-only object (an inbound SA) opens the reference packet; the IV of each
            // call counts (a wrong one fails, the right one right after succeeds).
            auto in = Make(GcmIdForTag(tagSize), Cat(key, Slice(nonce, 0, 4)));
            ASSERT_TRUE(in);
            const Bytes ct = Slice(expected, 0, plaintext.size());
            const Bytes refTag = Slice(fullTag, 0, tagSize);
            Bytes otherIv = iv;
            otherIv[7] ^= 1;
            EXPECT_EQ(in->Decrypt(otherIv.data(), aad, ct, back.data(), refTag.data()),
                      CryptoStatus::AUTH_FAILED);
            std::fill(back.begin(), back.end(), 0);
            ASSERT_EQ(in->Decrypt(iv.data(), aad, ct, back.data(), refTag.data()),
                      CryptoStatus::OK);
            EXPECT_EQ(back, plaintext);

            // The shared context keeps working when the directions alternate.
            for (int round = 0; round < 2; ++round)
            {
                ASSERT_EQ(c->Encrypt(otherIv.data(), aad, plaintext, out.data(), tag.data()),
                          CryptoStatus::OK);
                ASSERT_EQ(c->Encrypt(iv.data(), aad, plaintext, out.data(), tag.data()),
                          CryptoStatus::OK);
                EXPECT_EQ(out, ct);
                EXPECT_EQ(tag, refTag);
                std::fill(back.begin(), back.end(), 0);
                ASSERT_EQ(c->Decrypt(iv.data(), aad, out, back.data(), tag.data()),
                          CryptoStatus::OK);
                EXPECT_EQ(back, plaintext);
            }
        }
        ++cases;
    }
    EXPECT_EQ(cases, 16);
}

// RFC 4543 3.5 / draft-mcgrew-gcm-test-01 4.17: GMAC authenticates SPI || seq || IV || payload
// and encrypts nothing.
TEST(CipherTest, AesGmacEspDraftMcGrewVector)
{
    int cases = 0;
    for (const auto& r : LoadVectors("esp_gcm_draft-mcgrew-gcm-test-01.txt"))
    {
        if (r.Get("algorithm") != "AES-GMAC-ESP")
        {
            continue;
        }
        const Bytes nonce = r.Hex("nonce");
        const Bytes allAad = r.Hex("aad");
        const Bytes espHeader = Slice(allAad, 0, 8); // SPI || seq
        const Bytes iv = Slice(allAad, 8, 8);
        ASSERT_EQ(iv, Slice(nonce, 4));
        const Bytes payload = Slice(allAad, 16);
        auto c = Make(EncrId::NULL_AUTH_AES_GMAC, Cat(r.Hex("key"), Slice(nonce, 0, 4)));
        ASSERT_TRUE(c);
        EXPECT_TRUE(c->IsAead());
        EXPECT_EQ(c->GetIvSize(), 8u);
        EXPECT_EQ(c->GetIcvSize(), 16u);
        Bytes out(payload.size());
        Bytes tag(16);
        ASSERT_EQ(c->Encrypt(iv.data(), espHeader, payload, out.data(), tag.data()),
                  CryptoStatus::OK);
        EXPECT_EQ(out, payload);
        EXPECT_EQ(ToHex(tag), r.Get("ctext_tag"));
        EXPECT_EQ(ToHex(Cat(Cat(allAad, {}), tag)), r.Get("packet"));

        Bytes inPlace = payload;
        ASSERT_EQ(c->Decrypt(iv.data(), espHeader, inPlace, inPlace.data(), tag.data()),
                  CryptoStatus::OK);
        EXPECT_EQ(inPlace, payload);
        inPlace[3] ^= 1;
        EXPECT_EQ(c->Decrypt(iv.data(), espHeader, inPlace, inPlace.data(), tag.data()),
                  CryptoStatus::AUTH_FAILED);
        Bytes otherIv = iv;
        otherIv[7] ^= 1;
        EXPECT_EQ(c->Decrypt(otherIv.data(), espHeader, payload, out.data(), tag.data()),
                  CryptoStatus::AUTH_FAILED);
        ++cases;
    }
    EXPECT_EQ(cases, 1);
}

// RFC 3602 4, cases 5-8: decrypting gives payload || 1 2 3 .. || pad length || next header,
// and encrypting that again gives the published ciphertext.
TEST(CipherTest, AesCbcEspRfc3602Cases)
{
    int cases = 0;
    for (const auto& r : LoadVectors("esp_cbc_rfc3602_cases5-8.txt"))
    {
        const Bytes esp = r.Hex("esp");
        const Bytes iv = Slice(esp, 8, 16);
        const Bytes ciphertext = Slice(esp, 24);
        const Bytes payload = r.Hex("payload");
        auto c = Make(EncrId::AES_CBC, r.Hex("key"));
        ASSERT_TRUE(c);
        EXPECT_EQ(c->GetBlockSize(), 16u);
        EXPECT_EQ(c->GetIvSize(), 16u);
        EXPECT_FALSE(c->IsAead());

        Bytes plain(ciphertext.size());
        ASSERT_EQ(c->Decrypt(iv.data(), {}, ciphertext, plain.data(), nullptr), CryptoStatus::OK);
        // The context is re-used per message: a second decryption (in place) gives the same.
        Bytes inPlace = ciphertext;
        ASSERT_EQ(c->Decrypt(iv.data(), {}, inPlace, inPlace.data(), nullptr), CryptoStatus::OK);
        EXPECT_EQ(inPlace, plain);
        ASSERT_GE(plain.size(), payload.size() + 2);
        EXPECT_EQ(Slice(plain, 0, payload.size()), payload);
        const uint8_t padLength = plain[plain.size() - 2];
        EXPECT_EQ(plain.back(), r.Hex("next_header")[0]);
        EXPECT_EQ(payload.size() + padLength + 2, plain.size());
        for (uint8_t i = 0; i < padLength; ++i)
        {
            EXPECT_EQ(plain[payload.size() + i], i + 1); // RFC 4303 2.4 monotonic padding
        }

        Bytes again(plain.size());
        ASSERT_EQ(c->Encrypt(iv.data(), {}, plain, again.data(), nullptr), CryptoStatus::OK);
        EXPECT_EQ(again, ciphertext);
        ++cases;
    }
    EXPECT_EQ(cases, 4);
}

// RFC 7634 appendix A.
TEST(CipherTest, ChaCha20Poly1305EspRfc7634)
{
    const auto records = LoadVectors("esp_chacha20poly1305_rfc7634.txt");
    ASSERT_EQ(records.size(), 1u);
    const auto& r = records[0];
    auto c = Make(EncrId::CHACHA20_POLY1305, Cat(r.Hex("key"), r.Hex("salt")));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->GetIvSize(), 8u);
    EXPECT_EQ(c->GetIcvSize(), 16u);
    EXPECT_EQ(c->GetBlockSize(), 1u);
    const Bytes aad = Cat(r.Hex("spi"), r.Hex("seq"));
    const Bytes iv = r.Hex("iv");
    const Bytes plaintext = r.Hex("plaintext");
    Bytes buffer = plaintext;
    Bytes tag(16);
    ASSERT_EQ(c->Encrypt(iv.data(), aad, buffer, buffer.data(), tag.data()), CryptoStatus::OK);
    EXPECT_EQ(ToHex(buffer), r.Get("ctext"));
    EXPECT_EQ(ToHex(tag), r.Get("tag"));
    ASSERT_EQ(c->Decrypt(iv.data(), aad, buffer, buffer.data(), tag.data()), CryptoStatus::OK);
    EXPECT_EQ(buffer, plaintext);
    Bytes badAad = aad;
    badAad[7] ^= 1; // another sequence number
    Bytes ct = r.Hex("ctext");
    EXPECT_EQ(c->Decrypt(iv.data(), badAad, ct, ct.data(), tag.data()), CryptoStatus::AUTH_FAILED);
}

// RFC 3686 6: the counter block is nonce || IV || 00000001; the key material is key || nonce.
TEST(CipherTest, AesCtrRfc3686Vectors)
{
    int cases = 0;
    for (const auto& r : LoadVectors("crypto-aes-ctr-rfc3686.txt"))
    {
        if (!r.Has("KEY"))
        {
            continue;
        }
        const Bytes block = r.Hex("IV");
        ASSERT_EQ(ToHex(Slice(block, 12)), "00000001");
        auto c = Make(EncrId::AES_CTR, Cat(r.Hex("KEY"), Slice(block, 0, 4)));
        ASSERT_TRUE(c);
        EXPECT_EQ(c->GetIvSize(), 8u);
        EXPECT_EQ(c->GetBlockSize(), 1u);
        const Bytes iv = Slice(block, 4, 8);
        const Bytes plaintext = r.Hex("PLAINTEXT");
        Bytes out(plaintext.size());
        ASSERT_EQ(c->Encrypt(iv.data(), {}, plaintext, out.data(), nullptr), CryptoStatus::OK);
        EXPECT_EQ(out, r.Hex("CIPHERTEXT")) << r.line;
        // The counter restarts for each packet, even after a partial block.
        ASSERT_EQ(c->Decrypt(iv.data(), {}, out, out.data(), nullptr), CryptoStatus::OK);
        EXPECT_EQ(out, plaintext);
        ++cases;
    }
    EXPECT_EQ(cases, 9);
}

/**
 * CCM as RFC 3610 section 2 writes it, on raw AES blocks, as an independent reference for the
 * ICV sizes NIST publishes no 11-octet-nonce vectors for.
 */
Bytes
ReferenceCcm(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& msg, size_t m)
{
    const char* names[] = {"AES-128-ECB", "AES-192-ECB", "AES-256-ECB"};
    EVP_CIPHER* ecb = EVP_CIPHER_fetch(nullptr, names[key.size() / 8 - 2], nullptr);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EXPECT_EQ(EVP_EncryptInit_ex2(ctx, ecb, key.data(), nullptr, nullptr), 1);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    auto aes = [&](const uint8_t* in, uint8_t* out) {
        int len = 0;
        EXPECT_EQ(EVP_EncryptUpdate(ctx, out, &len, in, 16), 1);
    };
    const size_t l = 15 - nonce.size();
    // CBC-MAC over B0 || encoded AAD || message, each zero-padded to blocks.
    Bytes blocks(16, 0);
    blocks[0] = static_cast<uint8_t>((aad.empty() ? 0 : 64) + 8 * ((m - 2) / 2) + (l - 1));
    std::copy(nonce.begin(), nonce.end(), blocks.begin() + 1);
    for (size_t i = 0; i < l; ++i)
    {
        blocks[15 - i] = static_cast<uint8_t>(msg.size() >> (8 * i));
    }
    if (!aad.empty())
    {
        blocks.push_back(static_cast<uint8_t>(aad.size() >> 8));
        blocks.push_back(static_cast<uint8_t>(aad.size()));
        blocks.insert(blocks.end(), aad.begin(), aad.end());
        blocks.resize((blocks.size() + 15) / 16 * 16, 0);
    }
    blocks.insert(blocks.end(), msg.begin(), msg.end());
    blocks.resize((blocks.size() + 15) / 16 * 16, 0);
    uint8_t x[16] = {};
    for (size_t off = 0; off < blocks.size(); off += 16)
    {
        for (size_t i = 0; i < 16; ++i)
        {
            x[i] ^= blocks[off + i];
        }
        aes(x, x);
    }
    // CTR with A_i = (L - 1) || nonce || i; S_0 encrypts the tag.
    auto counter = [&](size_t i, uint8_t* s) {
        uint8_t a[16] = {};
        a[0] = static_cast<uint8_t>(l - 1);
        std::copy(nonce.begin(), nonce.end(), a + 1);
        for (size_t k = 0; k < l; ++k)
        {
            a[15 - k] = static_cast<uint8_t>(i >> (8 * k));
        }
        aes(a, s);
    };
    Bytes out(msg.size() + m);
    uint8_t s[16];
    for (size_t off = 0; off < msg.size(); off += 16)
    {
        counter(off / 16 + 1, s);
        for (size_t i = 0; i < 16 && off + i < msg.size(); ++i)
        {
            out[off + i] = msg[off + i] ^ s[i];
        }
    }
    counter(0, s);
    for (size_t i = 0; i < m; ++i)
    {
        out[msg.size() + i] = x[i] ^ s[i];
    }
    EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_free(ecb);
    return out;
}

EncrId
CcmIdForTag(size_t tag)
{
    return tag == 8 ? EncrId::AES_CCM_8 : tag == 12 ? EncrId::AES_CCM_12 : EncrId::AES_CCM_16;
}

// NIST SP 800-38C CAVP: 11-octet nonces (VNT) through Cipher as salt(3) || IV(8); all records
// (also VTT's 8- and 12-octet tags) through the reference, which checks the reference.
TEST(CipherTest, AesCcmNistVectors)
{
    int viaCipher = 0;
    int viaReference = 0;
    for (const auto& r : LoadVectors("crypto-aes-ccm-nist.txt"))
    {
        const Bytes key = r.Hex("Key");
        const Bytes nonce = r.Hex("Nonce");
        const Bytes aad = r.Hex("Adata");
        const Bytes payload = r.Hex("Payload");
        const Bytes expected = r.Hex("CT");
        const size_t tagSize = std::stoul(r.Get("Tlen"));
        EXPECT_EQ(ToHex(ReferenceCcm(key, nonce, aad, payload, tagSize)), ToHex(expected));
        ++viaReference;
        if (nonce.size() != 11)
        {
            continue;
        }
        auto c = Make(CcmIdForTag(tagSize), Cat(key, Slice(nonce, 0, 3)));
        ASSERT_TRUE(c);
        const Bytes iv = Slice(nonce, 3);
        Bytes out(payload.size());
        Bytes tag(tagSize);
        ASSERT_EQ(c->Encrypt(iv.data(), aad, payload, out.data(), tag.data()), CryptoStatus::OK);
        EXPECT_EQ(ToHex(Cat(out, tag)), ToHex(expected)) << r.line;
        Bytes back(out.size());
        ASSERT_EQ(c->Decrypt(iv.data(), aad, out, back.data(), tag.data()), CryptoStatus::OK);
        EXPECT_EQ(back, payload);
        tag[tagSize - 1] ^= 1;
        EXPECT_EQ(c->Decrypt(iv.data(), aad, out, back.data(), tag.data()),
                  CryptoStatus::AUTH_FAILED);
        ++viaCipher;
    }
    EXPECT_EQ(viaCipher, 30);
    EXPECT_EQ(viaReference, 50);
}

// RFC 4309 with 8/12/16-octet ICVs, all key sizes, against the reference.
TEST(CipherTest, AesCcmAllIcvSizesMatchReference)
{
    for (size_t keySize : {16u, 24u, 32u})
    {
        for (size_t tagSize : {8u, 12u, 16u})
        {
            Bytes keyMaterial(keySize + 3);
            for (size_t i = 0; i < keyMaterial.size(); ++i)
            {
                keyMaterial[i] = static_cast<uint8_t>(0x40 + i);
            }
            auto c = Make(CcmIdForTag(tagSize), keyMaterial);
            ASSERT_TRUE(c);
            EXPECT_EQ(c->GetIcvSize(), tagSize);
            const Bytes iv = FromHex("0102030405060708");
            const Bytes aad = FromHex("0000432100000007");
            for (size_t len : {1u, 16u, 61u, 1400u})
            {
                Bytes msg(len);
                for (size_t i = 0; i < len; ++i)
                {
                    msg[i] = static_cast<uint8_t>(i * 7);
                }
                Bytes out(len);
                Bytes tag(tagSize);
                ASSERT_EQ(c->Encrypt(iv.data(), aad, msg, out.data(), tag.data()),
                          CryptoStatus::OK);
                const Bytes nonce = Cat(Slice(keyMaterial, keySize), iv);
                EXPECT_EQ(
                    ToHex(Cat(out, tag)),
                    ToHex(ReferenceCcm(Slice(keyMaterial, 0, keySize), nonce, aad, msg, tagSize)))
                    << keySize << "/" << tagSize << "/" << len;
            }
        }
    }
}

// NIST CAVP TCBCMMT3 (three-key 3DES, CBC), both directions.
TEST(CipherTest, TripleDesCbcNistVectors)
{
    int cases = 0;
    for (const auto& r : LoadVectors("crypto-3des-cbc-nist-tcbcmmt3.txt"))
    {
        if (!r.Has("KEY1"))
        {
            continue;
        }
        auto c = Make(EncrId::TRIPLE_DES, Cat(Cat(r.Hex("KEY1"), r.Hex("KEY2")), r.Hex("KEY3")));
        ASSERT_TRUE(c);
        EXPECT_EQ(c->GetBlockSize(), 8u);
        EXPECT_EQ(c->GetIvSize(), 8u);
        const Bytes iv = r.Hex("IV");
        const Bytes pt = r.Hex("PLAINTEXT");
        const Bytes ct = r.Hex("CIPHERTEXT");
        Bytes out(pt.size());
        if (r.section == "[ENCRYPT]")
        {
            ASSERT_EQ(c->Encrypt(iv.data(), {}, pt, out.data(), nullptr), CryptoStatus::OK);
            EXPECT_EQ(out, ct);
        }
        else
        {
            ASSERT_EQ(c->Decrypt(iv.data(), {}, ct, out.data(), nullptr), CryptoStatus::OK);
            EXPECT_EQ(out, pt);
            // Again on the re-used context (8-octet blocks).
            ASSERT_EQ(c->Decrypt(iv.data(), {}, ct, out.data(), nullptr), CryptoStatus::OK);
            EXPECT_EQ(out, pt);
        }
        ++cases;
    }
    EXPECT_EQ(cases, 20);
}

TEST(CipherTest, NullCipherCopies)
{
    auto c = Make(EncrId::NULL_ENCR, {});
    ASSERT_TRUE(c);
    EXPECT_EQ(c->GetIvSize(), 0u);
    EXPECT_EQ(c->GetIcvSize(), 0u);
    EXPECT_EQ(c->GetBlockSize(), 1u);
    const Bytes in = FromHex("0102030405");
    Bytes out(in.size());
    ASSERT_EQ(c->Encrypt(nullptr, {}, in, out.data(), nullptr), CryptoStatus::OK);
    EXPECT_EQ(out, in);
    ASSERT_EQ(c->Decrypt(nullptr, {}, out, out.data(), nullptr), CryptoStatus::OK);
    EXPECT_EQ(out, in);
    CryptoStatus st;
    EXPECT_FALSE(Cipher::Create(EncrId::NULL_ENCR, in, &st));
    EXPECT_EQ(st, CryptoStatus::BAD_KEY_LENGTH);
}

TEST(CipherTest, KeyMaterialSizes)
{
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::AES_CBC, 128), 16u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::AES_CBC, 256), 32u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::AES_CBC, 100), 0u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::AES_CTR, 192), 28u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::AES_GCM_16, 128), 20u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::AES_GCM_8, 256), 36u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::NULL_AUTH_AES_GMAC, 192), 28u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::AES_CCM_12, 128), 19u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::CHACHA20_POLY1305, 0), 36u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::CHACHA20_POLY1305, 128), 0u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::TRIPLE_DES, 0), 24u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::NULL_ENCR, 0), 0u);
    EXPECT_EQ(Cipher::GetKeyMaterialSize(EncrId::DES, 64), 0u);
    EXPECT_TRUE(Cipher::IsAeadId(EncrId::AES_GCM_16));
    EXPECT_TRUE(Cipher::IsAeadId(EncrId::AES_CCM_8));
    EXPECT_TRUE(Cipher::IsAeadId(EncrId::NULL_AUTH_AES_GMAC));
    EXPECT_TRUE(Cipher::IsAeadId(EncrId::CHACHA20_POLY1305));
    EXPECT_FALSE(Cipher::IsAeadId(EncrId::AES_CBC));
    EXPECT_FALSE(Cipher::IsAeadId(EncrId::AES_CTR));
}

// Every transform and key size: created from GetKeyMaterialSize octets, round trip in place
// and out of place, with the sizes RFC 4303 needs.
TEST(CipherTest, EveryTransformRoundTrips)
{
    struct Case
    {
        EncrId id;
        uint16_t bits;
        size_t block;
        size_t iv;
        size_t icv;
    };

    const Case cases[] = {
        {EncrId::TRIPLE_DES, 0, 8, 8, 0},
        {EncrId::AES_CBC, 128, 16, 16, 0},
        {EncrId::AES_CBC, 192, 16, 16, 0},
        {EncrId::AES_CBC, 256, 16, 16, 0},
        {EncrId::AES_CTR, 128, 1, 8, 0},
        {EncrId::AES_CTR, 256, 1, 8, 0},
        {EncrId::AES_GCM_8, 128, 1, 8, 8},
        {EncrId::AES_GCM_12, 192, 1, 8, 12},
        {EncrId::AES_GCM_16, 256, 1, 8, 16},
        {EncrId::AES_CCM_8, 128, 1, 8, 8},
        {EncrId::AES_CCM_12, 192, 1, 8, 12},
        {EncrId::AES_CCM_16, 256, 1, 8, 16},
        {EncrId::NULL_AUTH_AES_GMAC, 256, 1, 8, 16},
        {EncrId::CHACHA20_POLY1305, 0, 1, 8, 16},
    };
    for (const auto& k : cases)
    {
        const size_t size = Cipher::GetKeyMaterialSize(k.id, k.bits);
        ASSERT_GT(size, 0u);
        Bytes keyMaterial(size);
        for (size_t i = 0; i < size; ++i)
        {
            keyMaterial[i] = static_cast<uint8_t>(i * 13 + 1);
        }
        auto c = Make(k.id, keyMaterial);
        ASSERT_TRUE(c) << static_cast<int>(k.id);
        EXPECT_EQ(c->GetId(), k.id);
        EXPECT_EQ(c->IsAead(), Cipher::IsAeadId(k.id));
        EXPECT_EQ(c->GetBlockSize(), k.block);
        EXPECT_EQ(c->GetIvSize(), k.iv);
        EXPECT_EQ(c->GetIcvSize(), k.icv);
        const Bytes aad = FromHex("0000010000000001");
        Bytes iv(k.iv, 0x5a);
        for (size_t len : {16u, 64u, 1408u})
        {
            Bytes msg(len);
            for (size_t i = 0; i < len; ++i)
            {
                msg[i] = static_cast<uint8_t>(i);
            }
            Bytes out(len);
            Bytes tag(k.icv);
            ASSERT_EQ(c->Encrypt(iv.data(), aad, msg, out.data(), tag.data()), CryptoStatus::OK);
            if (k.id != EncrId::NULL_AUTH_AES_GMAC)
            {
                EXPECT_NE(out, msg);
            }
            Bytes inPlace = msg;
            Bytes tag2(k.icv);
            ASSERT_EQ(c->Encrypt(iv.data(), aad, inPlace, inPlace.data(), tag2.data()),
                      CryptoStatus::OK);
            EXPECT_EQ(inPlace, out);
            EXPECT_EQ(tag2, tag);
            ASSERT_EQ(c->Decrypt(iv.data(), aad, inPlace, inPlace.data(), tag.data()),
                      CryptoStatus::OK);
            EXPECT_EQ(inPlace, msg);
            iv[0]++;
        }
    }
}

TEST(CipherTest, WrongKeySizesAreRejected)
{
    struct Case
    {
        EncrId id;
        size_t size;
    };

    const Case cases[] = {
        {EncrId::AES_CBC, 15},
        {EncrId::AES_CBC, 20},
        {EncrId::TRIPLE_DES, 16},
        {EncrId::AES_CTR, 16},
        {EncrId::AES_GCM_16, 16},
        {EncrId::AES_GCM_16, 33},
        {EncrId::AES_CCM_8, 20},
        {EncrId::NULL_AUTH_AES_GMAC, 3},
        {EncrId::CHACHA20_POLY1305, 32},
        {EncrId::CHACHA20_POLY1305, 0},
    };
    for (const auto& k : cases)
    {
        Bytes key(k.size, 1);
        CryptoStatus st = CryptoStatus::OK;
        EXPECT_FALSE(Cipher::Create(k.id, key, &st));
        EXPECT_EQ(st, CryptoStatus::BAD_KEY_LENGTH) << static_cast<int>(k.id) << "/" << k.size;
    }
    CryptoStatus st = CryptoStatus::OK;
    EXPECT_FALSE(Cipher::Create(EncrId::DES, Bytes(8, 1), &st));
    EXPECT_EQ(st, CryptoStatus::UNSUPPORTED);
    EXPECT_FALSE(Cipher::Create(EncrId::AES_CBC, Bytes(7, 1))); // status pointer optional
}

TEST(CipherTest, CbcRejectsPartialBlocks)
{
    auto aes = Make(EncrId::AES_CBC, Bytes(16, 1));
    auto des = Make(EncrId::TRIPLE_DES, Bytes(24, 1));
    ASSERT_TRUE(aes && des);
    Bytes iv(16, 0);
    Bytes msg(20, 0);
    Bytes out(20);
    EXPECT_EQ(aes->Encrypt(iv.data(), {}, msg, out.data(), nullptr),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(aes->Decrypt(iv.data(), {}, ByteView(msg.data(), 8), out.data(), nullptr),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(des->Decrypt(iv.data(), {}, ByteView(msg.data(), 12), out.data(), nullptr),
              CryptoStatus::BAD_INPUT_LENGTH);
    EXPECT_EQ(des->Encrypt(iv.data(), {}, ByteView(msg.data(), 16), out.data(), nullptr),
              CryptoStatus::OK);
}

// Tampering with any authenticated part fails, for every AEAD; a failure leaves the object
// usable for the next packet.
TEST(CipherTest, AeadTamperingFailsAndRecovers)
{
    for (EncrId id : {EncrId::AES_GCM_16,
                      EncrId::AES_GCM_8,
                      EncrId::AES_CCM_16,
                      EncrId::AES_CCM_8,
                      EncrId::CHACHA20_POLY1305,
                      EncrId::NULL_AUTH_AES_GMAC})
    {
        const uint16_t bits = id == EncrId::CHACHA20_POLY1305 ? 0 : 128;
        auto c = Make(id, Bytes(Cipher::GetKeyMaterialSize(id, bits), 0x33));
        ASSERT_TRUE(c);
        const Bytes iv(8, 9);
        const Bytes aad = FromHex("1122334455667788");
        const Bytes msg(100, 0xab);
        Bytes ct(msg.size());
        Bytes tag(c->GetIcvSize());
        ASSERT_EQ(c->Encrypt(iv.data(), aad, msg, ct.data(), tag.data()), CryptoStatus::OK);
        Bytes out(msg.size());
        Bytes badCt = ct;
        badCt[50] ^= 4;
        EXPECT_EQ(c->Decrypt(iv.data(), aad, badCt, out.data(), tag.data()),
                  CryptoStatus::AUTH_FAILED);
        Bytes badAad = aad;
        badAad[0] ^= 1;
        EXPECT_EQ(c->Decrypt(iv.data(), badAad, ct, out.data(), tag.data()),
                  CryptoStatus::AUTH_FAILED);
        EXPECT_EQ(
            c->Decrypt(iv.data(), aad, ByteView(ct.data(), ct.size() - 1), out.data(), tag.data()),
            CryptoStatus::AUTH_FAILED); // truncated ciphertext
        ASSERT_EQ(c->Decrypt(iv.data(), aad, ct, out.data(), tag.data()), CryptoStatus::OK);
        EXPECT_EQ(out, msg);
    }
}

// The per-SA context is reused for every packet: after any mix of packets, failures and
// directions, a packet encrypts exactly as on a fresh object.
TEST(CipherTest, ContextReuseCarriesNothingOver)
{
    for (EncrId id : {EncrId::AES_CBC,
                      EncrId::TRIPLE_DES,
                      EncrId::AES_CTR,
                      EncrId::AES_GCM_12,
                      EncrId::AES_CCM_12,
                      EncrId::CHACHA20_POLY1305,
                      EncrId::NULL_AUTH_AES_GMAC})
    {
        const uint16_t bits = id == EncrId::CHACHA20_POLY1305 || id == EncrId::TRIPLE_DES ? 0 : 192;
        const Bytes keyMaterial(Cipher::GetKeyMaterialSize(id, bits), 0x5c);
        auto fresh = Make(id, keyMaterial);
        auto reused = Make(id, keyMaterial);
        ASSERT_TRUE(fresh && reused);
        const Bytes iv(fresh->GetIvSize(), 0x77);
        const Bytes aad = FromHex("0102030405060708");
        const Bytes msg(48, 0x42);
        Bytes expected(msg.size());
        Bytes expectedTag(fresh->GetIcvSize());
        ASSERT_EQ(fresh->Encrypt(iv.data(), aad, msg, expected.data(), expectedTag.data()),
                  CryptoStatus::OK);
        for (int i = 0; i < 20; ++i)
        {
            Bytes other(16 * (i % 5 + 1), static_cast<uint8_t>(i));
            Bytes otherIv(iv.size(), static_cast<uint8_t>(i));
            Bytes tag(reused->GetIcvSize(), 0);
            if (i % 3 == 0)
            {
                (void)reused->Decrypt(otherIv.data(), aad, other, other.data(), tag.data());
            }
            else
            {
                ASSERT_EQ(reused->Encrypt(otherIv.data(), {}, other, other.data(), tag.data()),
                          CryptoStatus::OK);
            }
        }
        Bytes out(msg.size());
        Bytes tag(reused->GetIcvSize());
        ASSERT_EQ(reused->Encrypt(iv.data(), aad, msg, out.data(), tag.data()), CryptoStatus::OK);
        EXPECT_EQ(out, expected) << static_cast<int>(id);
        EXPECT_EQ(tag, expectedTag) << static_cast<int>(id);
    }
}

/// One AES-GCM seal with a context of its own: nonce = salt || iv (RFC 4106 4), full 16-octet tag.
Bytes
ReferenceGcm(const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& msg)
{
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    const EVP_CIPHER* cipher = key.size() == 16 ? EVP_aes_128_gcm() : EVP_aes_256_gcm();
    Bytes out(msg.size() + 16);
    int len = 0;
    const bool ok =
        EVP_EncryptInit_ex(ctx, cipher, nullptr, key.data(), nonce.data()) == 1 &&
        EVP_EncryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) == 1 &&
        EVP_EncryptUpdate(ctx, out.data(), &len, msg.data(), static_cast<int>(msg.size())) == 1 &&
        EVP_EncryptFinal_ex(ctx, out.data() + len, &len) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, out.data() + msg.size()) == 1;
    EVP_CIPHER_CTX_free(ctx);
    return ok ? out : Bytes();
}

// AES-GCM seals a run of consecutive IVs (ESP's sequence numbers) without re-initialising; every
// other order must give what a fresh context gives: repeats, steps back, jumps, carries across
// octets and across the 32-bit boundary of extended sequence numbers, and decryption in between.
TEST(CipherTest, GcmIvOrderDoesNotMatter)
{
    const Bytes key = FromHex("feffe9928665731c6d6a8f9467308308");
    const Bytes salt = FromHex("cafebabe");
    const Bytes aad = FromHex("0000a5f80000000a");
    const uint64_t ivs[] = {1,
                            2,
                            3,
                            3,
                            2,
                            4,
                            0xff,
                            0x100,
                            0x101,
                            0xfffffffe,
                            0xffffffff,
                            0x100000000,
                            0x100000001,
                            7,
                            0xffffffffffffffff,
                            0,
                            1,
                            2};
    for (EncrId id : {EncrId::AES_GCM_16, EncrId::NULL_AUTH_AES_GMAC})
    {
        auto c = Make(id, Cat(key, salt));
        ASSERT_TRUE(c);
        int step = 0;
        for (uint64_t value : ivs)
        {
            SCOPED_TRACE("step " + std::to_string(step) + " id " +
                         std::to_string(static_cast<int>(id)));
            Bytes iv(8);
            for (int i = 0; i < 8; ++i)
            {
                iv[i] = static_cast<uint8_t>(value >> (56 - 8 * i));
            }
            const Bytes msg(40 + step, static_cast<uint8_t>(step));
            Bytes out(msg.size());
            Bytes tag(16);
            ASSERT_EQ(c->Encrypt(iv.data(), aad, msg, out.data(), tag.data()), CryptoStatus::OK);
            // RFC 4543 3.5: GMAC authenticates AAD || IV || payload and encrypts nothing.
            const bool gmac = id == EncrId::NULL_AUTH_AES_GMAC;
            const Bytes expected =
                gmac ? ReferenceGcm(key, Cat(salt, iv), Cat(Cat(aad, iv), msg), {})
                     : ReferenceGcm(key, Cat(salt, iv), aad, msg);
            ASSERT_FALSE(expected.empty());
            EXPECT_EQ(ToHex(Cat(out, tag)), ToHex(gmac ? Cat(msg, expected) : expected));
            if (step % 4 == 3)
            {
                Bytes back(out.size());
                ASSERT_EQ(c->Decrypt(iv.data(), aad, out, back.data(), tag.data()),
                          CryptoStatus::OK);
                EXPECT_EQ(back, msg);
            }
            ++step;
        }
    }
}

// An empty payload is legal for every AEAD (RFC 3610 allows it; GMAC then authenticates only
// the header and IV); CCM is checked against the reference.
TEST(CipherTest, AeadEmptyPayload)
{
    for (EncrId id : {EncrId::AES_GCM_16,
                      EncrId::AES_CCM_8,
                      EncrId::AES_CCM_16,
                      EncrId::CHACHA20_POLY1305,
                      EncrId::NULL_AUTH_AES_GMAC})
    {
        const uint16_t bits = id == EncrId::CHACHA20_POLY1305 ? 0 : 128;
        const Bytes keyMaterial(Cipher::GetKeyMaterialSize(id, bits), 0x21);
        auto c = Make(id, keyMaterial);
        ASSERT_TRUE(c);
        const Bytes iv(8, 4);
        const Bytes aad = FromHex("0000000100000002");
        Bytes tag(c->GetIcvSize());
        ASSERT_EQ(c->Encrypt(iv.data(), aad, ByteView(), nullptr, tag.data()), CryptoStatus::OK)
            << static_cast<int>(id);
        EXPECT_EQ(c->Decrypt(iv.data(), aad, ByteView(), nullptr, tag.data()), CryptoStatus::OK);
        if (id == EncrId::AES_CCM_8 || id == EncrId::AES_CCM_16)
        {
            EXPECT_EQ(ToHex(tag),
                      ToHex(ReferenceCcm(Slice(keyMaterial, 0, 16),
                                         Cat(Slice(keyMaterial, 16), iv),
                                         aad,
                                         Bytes(),
                                         tag.size())));
        }
        tag[0] ^= 1;
        EXPECT_EQ(c->Decrypt(iv.data(), aad, ByteView(), nullptr, tag.data()),
                  CryptoStatus::AUTH_FAILED);
    }
}

} // namespace
} // namespace ns3
