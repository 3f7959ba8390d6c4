/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_SK_CODEC_H
#define IPSEC_IKEV2_SK_CODEC_H

#include "ikev2-transform-set.h"

#include "ns3/crypto-types.h"
#include "ns3/ikev2-message.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup ipsec
 * Protection of IKEv2 messages by an IKE SA: the SK payload (RFC 7296 3.14, RFC 5282) and its
 * fragmented form SKF (RFC 7383).
 */

namespace ns3
{

class Cipher;
class Integrity;
class IvGenerator;
class RandomSource;
struct Ikev2SaKeys;

/**
 * \ingroup ipsec
 * \brief Outcome of protecting or unprotecting an IKEv2 message.
 */
enum class Ikev2SkStatus
{
    OK,                   //!< done; Unprotect: a whole message is available
    FRAGMENT_PENDING,     //!< an SKF fragment was verified and stored; the message is incomplete
    FRAGMENT_DISCARDED,   //!< an SKF fragment was dropped as RFC 7383 2.6 says (duplicate, stale
                          //!< Message ID, fewer Total Fragments than queued, invalid numbers) or
                          //!< because it would exceed the reassembly limits
    MALFORMED,            //!< not a well-formed IKEv2 message, or SK/SKF framing is broken
    NO_ENCRYPTED_PAYLOAD, //!< the message carries neither SK nor SKF
    INTEGRITY_FAILED,     //!< the ICV (or AEAD tag) did not verify
    BAD_PADDING,          //!< Pad Length larger than the decrypted content
    INNER_PARSE_ERROR,    //!< the decrypted payload chain did not parse (see GetLastParseError)
    TOO_LARGE,            //!< Protect: the message cannot fit (65535 octets, 65535 fragments,
                          //!< or not even one octet of content per fragment)
    CRYPTO_ERROR,         //!< the crypto backend failed
};

/**
 * \brief Name of a status, for logs and test messages.
 * \param status the status
 * \return e.g. "INTEGRITY_FAILED"
 */
const char* Ikev2SkStatusName(Ikev2SkStatus status);

/**
 * \ingroup ipsec
 * \brief Turns IKEv2 messages into protected datagrams and back, for one IKE SA.
 *
 * Outgoing messages use SK_ei/SK_ai when this end is the original initiator of the IKE SA and
 * SK_er/SK_ar otherwise; incoming messages the other pair (RFC 7296 2.14). Plain ciphers
 * (AES-CBC, 3DES, AES-CTR) are encrypt-then-MAC over the whole message up to the ICV
 * (RFC 7296 3.14); AEADs (AES-GCM, AES-CCM, ChaCha20-Poly1305) take an 8-octet explicit IV, the
 * salt from the end of the key material, and the message up to the IV as associated data
 * (RFC 5282 5.1, RFC 7634).
 *
 * IVs: CBC IVs come from an IvGenerator seeded from the node's RandomSource (RFC 7296 3.14 asks
 * for unpredictable IVs); counter-mode and AEAD IVs from a 64-bit counter, which never repeats
 * under one key (RFC 4106 3.1, RFC 3686 3.1).
 *
 * Fragmentation (RFC 7383): ProtectFragmented() splits the inner payload chain over SKF payloads
 * when the SK message would exceed the caller's limit; Unprotect() verifies and decrypts each
 * fragment, keeps at most one message being reassembled per direction of exchange (requests
 * from the peer, responses to our requests), the newest Message ID winning (RFC 7383 2.6.1),
 * and returns the whole message when its last fragment arrives.
 *
 * Not thread-safe; one object per IKE SA.
 */
class Ikev2SkCodec
{
  public:
    /// Default cap on Total Fragments accepted for reassembly (a 576-octet path carries a
    /// 65535-octet message in about 130 fragments).
    static constexpr uint16_t DEFAULT_MAX_FRAGMENTS = 128;
    /// Default cap on the decrypted octets held for one message being reassembled.
    static constexpr size_t DEFAULT_MAX_REASSEMBLY_OCTETS = 65535;

    /**
     * \brief Make the codec of an IKE SA.
     * \param t the negotiated transforms (only encr, encrKeyBits and integ are used)
     * \param keys the IKE SA keys (SK_e* include the salt of counter modes and AEADs)
     * \param isOriginalInitiator whether this end is the original initiator: it sent the
     * IKE_SA_INIT request or, for an IKE SA made by rekeying, the rekey request (RFC 7296 2.18)
     * \param rng the node's random source (needed for CBC ciphers; may be null otherwise)
     * \param error where to write why it failed (may be null)
     * \return the codec, or null for an unsupported transform, keys of the wrong size, or a
     * CBC cipher without a random source
     */
    static std::unique_ptr<Ikev2SkCodec> Create(const IkeTransformSet& t,
                                                const Ikev2SaKeys& keys,
                                                bool isOriginalInitiator,
                                                Ptr<RandomSource> rng,
                                                std::string* error);

    ~Ikev2SkCodec();
    Ikev2SkCodec(const Ikev2SkCodec&) = delete;
    Ikev2SkCodec& operator=(const Ikev2SkCodec&) = delete;

    /**
     * \brief Protect a message into one datagram: SK payload with padding, IV, ciphertext and
     * ICV; header and payload lengths filled in.
     * \param msg header, unencrypted payloads and inner payloads (AddEncryptedPayload); its SK
     * payload is set to the protected body
     * \param[out] datagram the message octets (without the non-ESP marker of port 4500)
     * \return OK, TOO_LARGE or CRYPTO_ERROR
     */
    [[nodiscard]] Ikev2SkStatus Protect(Ikev2Message& msg, Bytes* datagram);

    /**
     * \brief Protect a message, fragmenting it as RFC 7383 2.5 says when it would not fit.
     *
     * If the SK message fits in @p maxDatagramSize octets it is the only datagram. Otherwise
     * the inner payload chain is cut into pieces, each sent in its own message with an SKF
     * payload (Fragment Number 1..N, Total Fragments N, the same header and Message ID), each
     * padded, encrypted and integrity protected on its own. Only fragment 1 names the first
     * inner payload and carries the unencrypted payloads, if any. Fragments are filled in order,
     * all but the last to the limit. The caller fragments only messages after IKE_SA_INIT, and
     * only when both ends sent IKEV2_FRAGMENTATION_SUPPORTED (RFC 7383 2.3).
     * \param msg as for Protect(); when one datagram suffices its SK payload is set as by
     * Protect(), otherwise it is left as it was (the SKF messages are built aside)
     * \param maxDatagramSize the largest IKE message allowed: path MTU minus the IP and UDP
     * headers, minus 4 for the non-ESP marker on port 4500
     * \param[out] datagrams the datagrams in order (replaced)
     * \return OK, TOO_LARGE or CRYPTO_ERROR
     */
    [[nodiscard]] Ikev2SkStatus ProtectFragmented(Ikev2Message& msg,
                                                  size_t maxDatagramSize,
                                                  std::vector<Bytes>* datagrams);

    /**
     * \brief Verify, decrypt and decode one received datagram; reassemble SKF fragments.
     *
     * Checks run in this order: framing (the header and the unencrypted payload chain parse,
     * SK/SKF is last and long enough), for SKF the RFC 7383 2.6 checks that need no key
     * (numbers, replays, stale Message ID, fewer fragments than queued, limits), the ICV or AEAD
     * tag, the padding, the inner chain.
     * \param datagram one IKE message (without the non-ESP marker)
     * \param[out] msg OK: the whole message with its inner payloads (for a reassembled message,
     * the header and unencrypted payloads of fragment 1 and an SK payload with an empty body,
     * so that ToString() reads as for an unfragmented one); FRAGMENT_PENDING and every failure
     * after the framing check: the received message without inner payloads (the daemon may
     * need its Message ID, or the Fragment Number for RFC 7383 2.6.1 retransmissions)
     * \return OK, FRAGMENT_PENDING, FRAGMENT_DISCARDED, MALFORMED, NO_ENCRYPTED_PAYLOAD,
     * INTEGRITY_FAILED, BAD_PADDING, INNER_PARSE_ERROR or CRYPTO_ERROR
     */
    [[nodiscard]] Ikev2SkStatus Unprotect(ByteView datagram, Ikev2Message* msg);

    /**
     * \brief One step of Unprotect(): verify and decrypt a single SK or SKF datagram, without
     * reassembly and without decoding the inner chain.
     * \param datagram one IKE message
     * \param[out] msg the received message (header, unencrypted payloads, SK/SKF)
     * \param[out] content the decrypted content without padding: the inner payload chain, or
     * for SKF this fragment's piece of it
     * \return OK, MALFORMED, NO_ENCRYPTED_PAYLOAD, INTEGRITY_FAILED, BAD_PADDING or CRYPTO_ERROR
     */
    [[nodiscard]] Ikev2SkStatus Open(ByteView datagram, Ikev2Message* msg, Bytes* content);

    /**
     * \brief Use @p iv as the IV of the next protected datagram, once. For known-answer tests
     * against published messages: an IV must never be used twice under one key.
     * \param iv GetIvSize() octets (ignored otherwise)
     */
    void SetNextIv(ByteView iv);

    /**
     * \brief Bound the memory a peer can make us hold for reassembly.
     * \param maxFragments largest Total Fragments accepted
     * \param maxOctets largest sum of decrypted fragment contents for one message
     */
    void SetReassemblyLimits(uint16_t maxFragments, size_t maxOctets);

    /// \brief Drop every fragment held for reassembly (e.g. when the IKE SA is rekeyed).
    void DiscardFragments();

    /// \return number of fragments held for reassembly, over both queues
    size_t GetPendingFragments() const;

    /// \return where and why the last failed parse failed (MALFORMED, INNER_PARSE_ERROR)
    const Ikev2ParseError& GetLastParseError() const
    {
        return m_lastParseError;
    }

    /// \return IV octets per SK/SKF payload
    size_t GetIvSize() const;
    /// \return ICV (or AEAD tag) octets per SK/SKF payload
    size_t GetIcvSize() const;
    /// \return the alignment of the padded plaintext (16 AES-CBC, 8 3DES, 1 otherwise)
    size_t GetBlockSize() const;

    /**
     * \brief Size of the datagram Protect() makes.
     * \param innerOctets the serialized inner payload chain
     * \param clearOctets the serialized unencrypted payloads
     * \return header + unencrypted payloads + SK header + IV + padded content + ICV
     */
    size_t GetProtectedSize(size_t innerOctets, size_t clearOctets = 0) const;

    /**
     * \brief The most inner-chain octets one SKF fragment carries within a size limit.
     * \param maxDatagramSize the datagram limit (as for ProtectFragmented)
     * \param clearOctets unencrypted payload octets in this fragment (fragment 1 only)
     * \return the octets, 0 if not even one fits
     */
    size_t GetMaxFragmentContent(size_t maxDatagramSize, size_t clearOctets = 0) const;

  private:
    Ikev2SkCodec();

    /// A message being reassembled (RFC 7383 2.6).
    struct Reassembly
    {
        bool active{false};                  //!< holds fragments
        uint32_t messageId{0};               //!< their Message ID
        uint8_t exchangeType{0};             //!< their exchange type
        uint16_t total{0};                   //!< their Total Fragments
        uint16_t received{0};                //!< fragments held
        size_t octets{0};                    //!< decrypted octets held
        std::vector<Bytes> content;          //!< decrypted content by Fragment Number - 1
        std::vector<bool> have;              //!< which fragments are held
        std::unique_ptr<Ikev2Message> first; //!< fragment 1 (header, unencrypted payloads, SKF)
    };

    /**
     * \brief Encrypt and integrity-protect @p content into the SK/SKF payload of @p outer.
     * \param outer header and unencrypted payloads; its SK/SKF payload is replaced
     * \param firstInner Next Payload of the SK/SKF header
     * \param content the inner chain (or a fragment's piece of it), unpadded
     * \param number Fragment Number (0 for an SK payload)
     * \param total Total Fragments (0 for an SK payload)
     * \param[out] datagram the protected message
     * \return OK, TOO_LARGE or CRYPTO_ERROR
     */
    Ikev2SkStatus Seal(Ikev2Message& outer,
                       uint8_t firstInner,
                       ByteView content,
                       uint16_t number,
                       uint16_t total,
                       Bytes* datagram);

    /**
     * \brief Locate, verify, decrypt and unpad the SK/SKF payload of a parsed datagram.
     * \param datagram the received octets \param outer their parse
     * \param[out] content the decrypted content without padding
     * \return OK, NO_ENCRYPTED_PAYLOAD, MALFORMED, INTEGRITY_FAILED, BAD_PADDING or CRYPTO_ERROR
     */
    Ikev2SkStatus Decrypt(ByteView datagram, const Ikev2Message& outer, Bytes* content);

    /// \brief Write the next IV. \param iv GetIvSize() octets
    void NextIv(uint8_t* iv);

    /// \brief Process a verified SKF. \return as Unprotect()
    Ikev2SkStatus Reassemble(Ikev2Message&& fragment, Bytes&& content, Ikev2Message* msg);

    /// \brief The queue for a message. \param header its header \return the queue
    Reassembly& QueueFor(const Ikev2Header& header);

    std::unique_ptr<Cipher> m_encrypt;                 //!< outgoing cipher (SK_ei or SK_er)
    std::unique_ptr<Cipher> m_decrypt;                 //!< incoming cipher
    std::unique_ptr<Integrity> m_sign;                 //!< outgoing integrity (null with an AEAD)
    std::unique_ptr<Integrity> m_check;                //!< incoming integrity (null with an AEAD)
    std::unique_ptr<IvGenerator> m_ivGenerator;        //!< CBC IVs
    uint64_t m_ivCounter{0};                           //!< counter-mode and AEAD IVs
    Bytes m_nextIv;                                    //!< SetNextIv() override, used once
    bool m_aead{false};                                //!< combined-mode cipher
    size_t m_ivSize{0};                                //!< IV octets
    size_t m_icvSize{0};                               //!< ICV octets
    size_t m_blockSize{1};                             //!< plaintext alignment
    uint16_t m_maxFragments{DEFAULT_MAX_FRAGMENTS};    //!< reassembly limit
    size_t m_maxOctets{DEFAULT_MAX_REASSEMBLY_OCTETS}; //!< reassembly limit
    Reassembly m_queues[2];                            //!< [0] requests, [1] responses
    Ikev2ParseError m_lastParseError;                  //!< last parse failure
};

} // namespace ns3

#endif // IPSEC_IKEV2_SK_CODEC_H
