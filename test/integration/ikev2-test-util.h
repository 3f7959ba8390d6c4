/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_TEST_IKEV2_TEST_UTIL_H
#define IPSEC_TEST_IKEV2_TEST_UTIL_H

#include "ipsec-test-network.h"

#include "ns3/certificate-authority.h"
#include "ns3/ike-helper.h"
#include "ns3/ikev2-daemon.h"
#include "ns3/ipsec-stack.h"
#include "ns3/random-source.h"
#include "ns3/security-association-database.h"

#include <string>
#include <vector>

namespace ns3
{
namespace ipsectest
{

/// Everything one daemon's trace sources said.
struct DaemonLog
{
    std::vector<Ikev2MessageEvent> sent;        //!< MessageSent
    std::vector<Ikev2MessageEvent> received;    //!< MessageReceived
    std::vector<Ikev2MessageEvent> retransmits; //!< Retransmit
    std::vector<Time> retransmitTimes;          //!< when each retransmission left
    std::vector<Ikev2IkeSaEvent> ikeSa;         //!< IkeSaState
    std::vector<Time> ikeSaTimes;               //!< when each IkeSaState event came
    std::vector<Ikev2ChildSaEvent> childSa;     //!< ChildSa
    std::vector<std::string> drops;             //!< Drop

    /// Connect to a daemon. \param daemon the daemon
    void Attach(Ptr<Ikev2Daemon> daemon)
    {
        daemon->TraceConnectWithoutContext("MessageSent", MakeCallback(&DaemonLog::Sent, this));
        daemon->TraceConnectWithoutContext("MessageReceived",
                                           MakeCallback(&DaemonLog::Received, this));
        daemon->TraceConnectWithoutContext("Retransmit", MakeCallback(&DaemonLog::Retx, this));
        daemon->TraceConnectWithoutContext("IkeSaState", MakeCallback(&DaemonLog::Ike, this));
        daemon->TraceConnectWithoutContext("ChildSa", MakeCallback(&DaemonLog::Child, this));
        daemon->TraceConnectWithoutContext("Drop", MakeCallback(&DaemonLog::Drop, this));
    }

    void Sent(const Ikev2MessageEvent& e)
    {
        sent.push_back(e);
    }

    void Received(const Ikev2MessageEvent& e)
    {
        received.push_back(e);
    }

    void Retx(const Ikev2MessageEvent& e)
    {
        retransmits.push_back(e);
        retransmitTimes.push_back(Simulator::Now());
    }

    void Ike(const Ikev2IkeSaEvent& e)
    {
        ikeSa.push_back(e);
        ikeSaTimes.push_back(Simulator::Now());
    }

    void Child(const Ikev2ChildSaEvent& e)
    {
        childSa.push_back(e);
    }

    void Drop(const std::string& reason)
    {
        drops.push_back(reason);
    }

    /// \return how many IKE SA events reached a state \param state the state
    size_t CountState(Ikev2IkeSaState state) const
    {
        size_t n = 0;
        for (const auto& e : ikeSa)
        {
            n += e.state == state;
        }
        return n;
    }

    /// \return the reason of the last DEAD event (NONE if none)
    Ikev2EndReason LastEndReason() const
    {
        for (auto it = ikeSa.rbegin(); it != ikeSa.rend(); ++it)
        {
            if (it->state == Ikev2IkeSaState::DEAD)
            {
                return it->reason;
            }
        }
        return Ikev2EndReason::NONE;
    }

    /// \return child events of a type \param type the type
    size_t CountChild(Ikev2ChildEventType type) const
    {
        size_t n = 0;
        for (const auto& e : childSa)
        {
            n += e.type == type;
        }
        return n;
    }

    /// \return whether a sent message's summary contains a text \param text the text
    bool SentContains(const std::string& text) const
    {
        for (const auto& e : sent)
        {
            if (e.summary.find(text) != std::string::npos)
            {
                return true;
            }
        }
        return false;
    }

    /// \return whether a received message's summary contains a text \param text the text
    bool ReceivedContains(const std::string& text) const
    {
        for (const auto& e : received)
        {
            if (e.summary.find(text) != std::string::npos)
            {
                return true;
            }
        }
        return false;
    }
};

/// \return a root CA valid for 30 days from time 0 \param key its key type \param name its CN
/// \param rng the random source of its key, serials and signatures
inline Ptr<CertificateAuthority>
MakeTestRoot(KeyType key, const std::string& name, Ptr<RandomSource> rng)
{
    Ptr<CertificateAuthority> ca;
    NS_ABORT_UNLESS(CertificateAuthority::CreateRoot("C=DE, O=ns-3, CN=" + name,
                                                     key,
                                                     rng,
                                                     Seconds(0),
                                                     Days(30),
                                                     ca) == CryptoStatus::OK);
    return ca;
}

/// \return a random source on stream @p stream \param stream the stream
inline Ptr<RandomSource>
MakeRandomSource(int64_t stream)
{
    Ptr<RandomSource> rng = CreateObject<RandomSource>();
    rng->AssignStreams(stream);
    return rng;
}

/// \return the number of SAs in a node's SAD \param node the node
inline uint32_t
SadSize(Ptr<Node> node)
{
    return node->GetObject<IpsecStack>()->GetSad()->GetN();
}

/// \return the SPIs in a node's SAD \param node the node
inline std::vector<uint32_t>
SadSpis(Ptr<Node> node)
{
    std::vector<uint32_t> spis;
    for (const auto& sa : node->GetObject<IpsecStack>()->GetSad()->GetAll())
    {
        spis.push_back(sa->GetParams().spi);
    }
    std::sort(spis.begin(), spis.end());
    return spis;
}

/// Sends one UDP datagram of @p size octets every @p interval from @p start for @p count.
inline void
SendUdpFlow(Ptr<Node> node,
            Ipv4Address dst,
            uint16_t port,
            uint32_t size,
            Time start,
            Time interval,
            uint32_t count)
{
    Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    s->Bind();
    for (uint32_t i = 0; i < count; ++i)
    {
        Simulator::Schedule(start + interval * i, [s, dst, port, size]() {
            s->SendTo(Create<Packet>(size), 0, InetSocketAddress(dst, port));
        });
    }
}

} // namespace ipsectest
} // namespace ns3

#endif // IPSEC_TEST_IKEV2_TEST_UTIL_H
