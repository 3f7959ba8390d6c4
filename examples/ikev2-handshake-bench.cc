/* SPDX-License-Identifier: GPL-2.0-only */

/**
 * \file
 * \ingroup ipsec
 * IKEv2 handshake rate: complete IKE_SA + first CHILD_SA establishments per wall-clock second,
 * for DH groups 14 (MODP-2048), 19 (ECP-256) and 31 (Curve25519), with PSK and with
 * certificate authentication (ECDSA P-256 keys, RFC 7427 DIGITAL_SIGNATURE; RSA-2048 with
 * RSASSA-PSS on request), next to the ceiling that the crypto alone sets.
 *
 * The daemon side is a star: one responder gateway and N initiator nodes, each on its own
 * point-to-point link and with its own connection, started at staggered simulated times. Only
 * Simulator::Run is timed (topology, key and certificate set-up and the daemons' start are
 * not); an establishment counts when both sides traced the IKE SA ESTABLISHED and the Child SA
 * INSTALLED, and the run stops at the last one. So that ns-3's topology costs stay out of the
 * figure, the links have no queue disc and the gateway finds its spokes' routes by hash
 * (--queueDiscs and --fastRoutes=false bring ns-3's defaults back).
 *
 * The ceiling does, with the crypto layer only, what one establishment needs on both sides:
 * two key pairs and two shared secrets (KeyExchange), SKEYSEED, the IKE SA keys and the Child SA
 * keys on each side (Ikev2KeyDerivation), and with certificates two AUTH signatures, their two
 * verifications and two chain validations. The daemon also protects its IKE_AUTH messages,
 * computes the PSK AUTH MAC, draws nonces and SPIs, decodes certificates and installs the SAs
 * and policies: that is the overhead the ratio shows. The certificate decode, the largest
 * part of it with certificates, is timed on its own and printed below the table.
 *
 * Daemon runs and ceiling runs alternate for --rounds rounds and the fastest of each counts,
 * so that other load on the machine disturbs the ratios less.
 *
 *   ./ikev2-handshake-bench [--establishments=200] [--rounds=3] [--groups=14,19,31]
 *                           [--auth=psk,ecdsa,rsa]
 */

#include "ns3/certificate-authority.h"
#include "ns3/certificate-validator.h"
#include "ns3/core-module.h"
#include "ns3/ike-helper.h"
#include "ns3/ikev2-key-derivation.h"
#include "ns3/internet-module.h"
#include "ns3/key-exchange.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/random-source.h"
#include "ns3/signer.h"
#include "ns3/traffic-control-module.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

using namespace ns3;

namespace
{

using Clock = std::chrono::steady_clock;

/// A DH group of the table.
struct Group
{
    DhGroupId id;        //!< the group
    const char* name;    //!< for the table
    const char* keyword; //!< strongSwan proposal word
};

const Group kGroups[] = {
    {DhGroupId::MODP_2048, "14 MODP-2048", "modp2048"},
    {DhGroupId::ECP_256, "19 ECP-256", "ecp256"},
    {DhGroupId::CURVE25519, "31 Curve25519", "x25519"},
};

/// Authentication of a row.
enum class Auth
{
    PSK,   //!< pre-shared key (AUTH method 2)
    ECDSA, //!< ECDSA P-256 certificates, RFC 7427 with ECDSA-SHA256
    RSA,   //!< RSA-2048 certificates, RFC 7427 with RSASSA-PSS SHA-256
};

const char*
AuthName(Auth auth)
{
    switch (auth)
    {
    case Auth::PSK:
        return "PSK";
    case Auth::ECDSA:
        return "ECDSA P-256";
    case Auth::RSA:
        return "RSA-2048 PSS";
    }
    return "?";
}

KeyType
KeyTypeOf(Auth auth)
{
    return auth == Auth::RSA ? KeyType::RSA : KeyType::ECDSA_P256;
}

SignatureScheme
SchemeOf(Auth auth)
{
    return auth == Auth::RSA ? SignatureScheme::RSA_PSS_SHA256 : SignatureScheme::ECDSA_SHA256;
}

/// Outcome of one timed run.
struct Run
{
    double seconds{0}; //!< wall time
    bool ok{false};    //!< every establishment (or every crypto step) succeeded
};

/// Counts what the daemons trace and stops the simulation at the last establishment.
class Tally
{
  public:
    explicit Tally(uint32_t target)
        : m_target(target)
    {
    }

    /// Trace sink of IkeSaState. \param initiator which side \param event the event
    void IkeSa(bool initiator, const Ikev2IkeSaEvent& event)
    {
        if (event.state == Ikev2IkeSaState::ESTABLISHED)
        {
            ++m_established[initiator ? 0 : 1];
        }
        else if (event.state == Ikev2IkeSaState::DEAD)
        {
            ++m_dead;
        }
        CheckDone();
    }

    /// Trace sink of ChildSa. \param initiator which side \param event the event
    void ChildSa(bool initiator, const Ikev2ChildSaEvent& event)
    {
        if (event.type == Ikev2ChildEventType::INSTALLED)
        {
            ++m_installed[initiator ? 0 : 1];
        }
        CheckDone();
    }

    /// \return whether every connection came up on both sides and none failed
    bool AllEstablished() const
    {
        return m_dead == 0 && m_established[0] == m_target && m_established[1] == m_target &&
               m_installed[0] == m_target && m_installed[1] == m_target;
    }

    /// \return a one-line account, for a failure message
    std::string Describe() const
    {
        std::ostringstream out;
        out << "IKE SAs established " << m_established[0] << "/" << m_established[1]
            << ", Child SAs installed " << m_installed[0] << "/" << m_installed[1]
            << " (initiators/responder), dead " << m_dead << ", expected " << m_target;
        return out.str();
    }

  private:
    void CheckDone()
    {
        if (AllEstablished())
        {
            Simulator::Stop();
        }
    }

    uint32_t m_target;               //!< connections
    uint32_t m_established[2]{0, 0}; //!< ESTABLISHED events, initiators / responder
    uint32_t m_installed[2]{0, 0};   //!< Child SAs INSTALLED, initiators / responder
    uint32_t m_dead{0};              //!< DEAD events
};

/**
 * Routes the responder gateway's packets to its directly connected spokes by a hash lookup.
 *
 * Ipv4StaticRouting scans every route for each packet sent: on a gateway with one link per
 * spoke that is O(N) per IKE message (an eighth of the run at N=800), a cost of ns-3's
 * topology that says nothing about the daemon.
 */
class StarRouting : public Ipv4RoutingProtocol
{
  public:
    /// \return the type ID
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::Ikev2HandshakeBenchStarRouting")
                                .SetParent<Ipv4RoutingProtocol>()
                                .SetGroupName("Ipsec");
        return tid;
    }

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> /* p */,
                               const Ipv4Header& header,
                               Ptr<NetDevice> /* oif */,
                               Socket::SocketErrno& sockerr) override
    {
        auto it = m_byNetwork.find(header.GetDestination().Get() & m_mask);
        if (it == m_byNetwork.end())
        {
            sockerr = Socket::ERROR_NOROUTETOHOST;
            return nullptr; // Ipv4StaticRouting answers
        }
        sockerr = Socket::ERROR_NOTERROR;
        Ptr<Ipv4Route> route = Create<Ipv4Route>();
        route->SetDestination(header.GetDestination());
        route->SetSource(m_ipv4->GetAddress(it->second, 0).GetLocal());
        route->SetGateway(Ipv4Address::GetZero());
        route->SetOutputDevice(m_ipv4->GetNetDevice(it->second));
        return route;
    }

    bool RouteInput(Ptr<const Packet> /* p */,
                    const Ipv4Header& /* header */,
                    Ptr<const NetDevice> /* idev */,
                    UnicastForwardCallback /* ucb */,
                    MulticastForwardCallback /* mcb */,
                    LocalDeliverCallback /* lcb */,
                    ErrorCallback /* ecb */) override
    {
        return false; // Ipv4ListRouting delivers local packets itself
    }

    void NotifyInterfaceUp(uint32_t /* interface */) override
    {
    }

    void NotifyInterfaceDown(uint32_t /* interface */) override
    {
    }

    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override
    {
        m_mask = address.GetMask().Get();
        m_byNetwork[address.GetLocal().Get() & m_mask] = interface;
    }

    void NotifyRemoveAddress(uint32_t /* interface */, Ipv4InterfaceAddress address) override
    {
        m_byNetwork.erase(address.GetLocal().Get() & address.GetMask().Get());
    }

    void SetIpv4(Ptr<Ipv4> ipv4) override
    {
        m_ipv4 = ipv4;
        for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i) // 0 is the loopback
        {
            for (uint32_t a = 0; a < ipv4->GetNAddresses(i); ++a)
            {
                NotifyAddAddress(i, ipv4->GetAddress(i, a));
            }
        }
    }

    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit /* unit */) const override
    {
        *stream->GetStream() << m_byNetwork.size() << " connected spoke networks\n";
    }

  private:
    Ptr<Ipv4> m_ipv4;                                   //!< the gateway's IPv4
    uint32_t m_mask{0xfffffffc};                        //!< the spoke links' mask (all equal)
    std::unordered_map<uint32_t, uint32_t> m_byNetwork; //!< network -> interface
};

/// Makes a root CA of the key type of a row.
Ptr<CertificateAuthority>
MakeCa(Auth auth)
{
    Ptr<RandomSource> rng = CreateObject<RandomSource>();
    rng->AssignStreams(7);
    Ptr<CertificateAuthority> ca;
    NS_ABORT_MSG_UNLESS(CertificateAuthority::CreateRoot("C=DE, O=ns-3 ipsec, CN=Bench Root",
                                                         KeyTypeOf(auth),
                                                         rng,
                                                         Seconds(0),
                                                         Days(365),
                                                         ca) == CryptoStatus::OK,
                        "cannot create the root CA");
    return ca;
}

/**
 * N initiators, one responder, each initiator on its own link; times Simulator::Run.
 */
Run
RunDaemons(const Group& group,
           Auth auth,
           uint32_t n,
           Time interval,
           bool queueDiscs,
           bool fastRoutes,
           std::string* failure)
{
    NodeContainer gateway;
    gateway.Create(1);
    NodeContainer spokes;
    spokes.Create(n);
    InternetStackHelper internet;
    internet.Install(gateway);
    internet.Install(spokes);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    link.SetChannelAttribute("Delay", StringValue("50us"));
    Ipv4AddressHelper address("10.0.0.0", "255.255.255.252");
    std::vector<Ipv4InterfaceContainer> ifs;
    TrafficControlHelper trafficControl;
    for (uint32_t i = 0; i < n; ++i)
    {
        NetDeviceContainer devices = link.Install(spokes.Get(i), gateway.Get(0));
        ifs.push_back(address.Assign(devices));
        address.NewNetwork();
        if (!queueDiscs)
        {
            // The default FqCoDel makes a CoDel queue for each new flow, and here every IKE
            // message is the first of its flow on its link: ns-3 cost, not the daemon's.
            trafficControl.Uninstall(devices);
        }
    }

    if (fastRoutes)
    {
        Ptr<Ipv4ListRouting> list =
            DynamicCast<Ipv4ListRouting>(gateway.Get(0)->GetObject<Ipv4>()->GetRoutingProtocol());
        list->AddRoutingProtocol(CreateObject<StarRouting>(), 10); // before static routing (0)
    }

    IkeHelper ike;
    std::string error;
    NS_ABORT_MSG_UNLESS(
        ike.SetIkeProposals(std::string("aes128gcm16-prfsha256-") + group.keyword, &error),
        error);
    NS_ABORT_MSG_UNLESS(ike.SetChildProposals("aes128gcm16", false, &error), error);
    if (auth != Auth::PSK)
    {
        ike.SetCertificates(MakeCa(auth),
                            KeyTypeOf(auth),
                            AuthMethod::DIGITAL_SIGNATURE,
                            SchemeOf(auth));
    }
    NodeContainer all(gateway, spokes);
    ike.Install(all);
    ike.AssignStreams(all, 100);

    const Time first = MilliSeconds(1); // the first initiator starts
    Tally tally(n);
    Ptr<Ikev2Daemon> responder = ike.GetDaemon(gateway.Get(0));
    responder->TraceConnectWithoutContext("IkeSaState",
                                          MakeCallback(&Tally::IkeSa, &tally).Bind(false));
    responder->TraceConnectWithoutContext("ChildSa",
                                          MakeCallback(&Tally::ChildSa, &tally).Bind(false));
    for (uint32_t i = 0; i < n; ++i)
    {
        NS_ABORT_MSG_UNLESS(ike.Connect(spokes.Get(i),
                                        ifs[i].GetAddress(0),
                                        gateway.Get(0),
                                        ifs[i].GetAddress(1),
                                        IkeHelper::TransportChild(),
                                        first + interval * i,
                                        &error),
                            error);
        Ptr<Ikev2Daemon> initiator = ike.GetDaemon(spokes.Get(i));
        initiator->TraceConnectWithoutContext("IkeSaState",
                                              MakeCallback(&Tally::IkeSa, &tally).Bind(true));
        initiator->TraceConnectWithoutContext("ChildSa",
                                              MakeCallback(&Tally::ChildSa, &tally).Bind(true));
    }
    // The daemons start (sockets, policies) before the first initiator: not timed.
    Simulator::Stop(first / 2);
    Simulator::Run();
    // A safety net only: the tally stops the run at the last establishment.
    Simulator::Stop(interval * n + Seconds(60));

    const auto start = Clock::now();
    Simulator::Run();
    Run run;
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    run.ok = tally.AllEstablished();
    if (!run.ok)
    {
        *failure = tally.Describe();
    }
    Simulator::Destroy();
    return run;
}

/// What the ceiling needs besides the group: keys, certificates, signed octets, nonces.
struct CeilingInputs
{
    Ptr<RandomSource> rng;               //!< key pairs and signatures
    Ptr<PrivateKey> key[2];              //!< initiator's and responder's keys
    Ptr<Certificate> certificate[2];     //!< their certificates
    std::vector<Ptr<Certificate>> chain; //!< intermediates (none under a root)
    Ptr<CertificateValidator> trust;     //!< trusts the root
    Bytes octets[2];                     //!< what each side signs (~ an IKE_SA_INIT message)
    std::vector<Bytes> nonces;           //!< Ni, Nr per establishment
    std::vector<uint64_t> spis;          //!< SPIi, SPIr per establishment
};

CeilingInputs
MakeCeilingInputs(Auth auth, uint32_t n)
{
    CeilingInputs in;
    in.rng = CreateObject<RandomSource>();
    in.rng->AssignStreams(11);
    for (uint32_t i = 0; i < 2 * n; ++i)
    {
        in.nonces.push_back(in.rng->Generate(32));
        in.spis.push_back((uint64_t{in.rng->GetUint32()} << 32) | in.rng->GetUint32());
    }
    for (int side = 0; side < 2; ++side)
    {
        in.octets[side] = in.rng->Generate(600);
    }
    if (auth == Auth::PSK)
    {
        return in;
    }
    Ptr<CertificateAuthority> ca = MakeCa(auth);
    in.trust = Create<CertificateValidator>();
    in.trust->AddTrustAnchor(ca->GetCertificate());
    in.chain = ca->GetChain();
    for (int side = 0; side < 2; ++side)
    {
        CertificateRequest request;
        request.subject =
            side == 0 ? "C=DE, O=ns-3 ipsec, CN=initiator" : "C=DE, O=ns-3 ipsec, CN=responder";
        request.subjectAltNames.push_back(
            SubjectAltName::Ip(Ipv4Address(side == 0 ? "10.0.0.1" : "10.0.0.2")));
        request.notBefore = Seconds(0);
        request.notAfter = Days(365);
        NS_ABORT_MSG_UNLESS(ca->IssueWithNewKey(request,
                                                KeyTypeOf(auth),
                                                *in.rng,
                                                in.key[side],
                                                in.certificate[side]) == CryptoStatus::OK,
                            "cannot issue a certificate");
    }
    return in;
}

/**
 * The crypto of n establishments, both sides, with the crypto layer only.
 */
Run
RunCeiling(const Group& group, Auth auth, uint32_t n, const CeilingInputs& in)
{
    const PrfId prf = PrfId::HMAC_SHA2_256;
    Ikev2KeySizes ikeSizes;
    Ikev2KeySizes childSizes;
    NS_ABORT_UNLESS(Ikev2KeyDerivation::GetIkeSaKeySizes(prf,
                                                         EncrId::AES_GCM_16,
                                                         128,
                                                         IntegId::NONE,
                                                         &ikeSizes) == CryptoStatus::OK);
    NS_ABORT_UNLESS(Ikev2KeyDerivation::GetChildSaKeySizes(EncrId::AES_GCM_16,
                                                           128,
                                                           IntegId::NONE,
                                                           &childSizes) == CryptoStatus::OK);
    RandomSource& rng = *in.rng;
    const bool certificates = auth != Auth::PSK;
    const SignatureScheme scheme = SchemeOf(auth);
    Run run;
    run.ok = true;
    const auto start = Clock::now();
    for (uint32_t i = 0; i < n; ++i)
    {
        const Bytes& ni = in.nonces[2 * i];
        const Bytes& nr = in.nonces[2 * i + 1];
        auto initiator = KeyExchange::Create(group.id, rng);
        auto responder = KeyExchange::Create(group.id, rng);
        if (!initiator || !responder)
        {
            return Run{};
        }
        Bytes secret[2];
        run.ok &= responder->ComputeSharedSecret(initiator->GetPublicValue(), &secret[1]) ==
                  CryptoStatus::OK;
        run.ok &= initiator->ComputeSharedSecret(responder->GetPublicValue(), &secret[0]) ==
                  CryptoStatus::OK;
        Ikev2SaKeys keys[2];
        Ikev2ChildKeys child[2];
        for (int side = 0; side < 2; ++side)
        {
            Bytes skeyseed;
            run.ok &= Ikev2KeyDerivation::ComputeSkeyseed(prf, ni, nr, secret[side], &skeyseed) ==
                      CryptoStatus::OK;
            run.ok &= Ikev2KeyDerivation::DeriveSaKeys(prf,
                                                       skeyseed,
                                                       ni,
                                                       nr,
                                                       in.spis[2 * i],
                                                       in.spis[2 * i + 1],
                                                       ikeSizes,
                                                       &keys[side]) == CryptoStatus::OK;
            run.ok &= Ikev2KeyDerivation::DeriveChildKeys(prf,
                                                          keys[side].skD,
                                                          {},
                                                          ni,
                                                          nr,
                                                          childSizes,
                                                          &child[side]) == CryptoStatus::OK;
        }
        run.ok &= keys[0].skEi == keys[1].skEi &&
                  child[0].initiatorToResponder.encr == child[1].initiatorToResponder.encr;
        if (certificates)
        {
            // Each side signs its octets; the other validates the chain and verifies.
            for (int side = 0; side < 2; ++side)
            {
                Bytes auth;
                run.ok &= Signer::SignAuth(*in.key[side],
                                           rng,
                                           AuthMethod::DIGITAL_SIGNATURE,
                                           scheme,
                                           in.octets[side],
                                           auth) == SignatureStatus::OK;
                run.ok &= in.trust->Validate(in.certificate[side], in.chain, Seconds(1)).IsValid();
                run.ok &= Signer::VerifyAuth(*in.certificate[side]->GetPublicKey(),
                                             AuthMethod::DIGITAL_SIGNATURE,
                                             auth,
                                             in.octets[side]) == SignatureStatus::OK;
            }
        }
    }
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return run;
}

/**
 * Wall seconds to decode each side's certificate n times (Certificate::FromDer, OpenSSL's
 * d2i_X509): each side of a handshake decodes the peer's CERT payload, which the ceiling
 * leaves out.
 */
double
TimeCertificateParse(uint32_t n, const CeilingInputs& in)
{
    const auto start = Clock::now();
    for (uint32_t i = 0; i < n; ++i)
    {
        for (int side = 0; side < 2; ++side)
        {
            Ptr<Certificate> parsed;
            NS_ABORT_UNLESS(Certificate::FromDer(in.certificate[side]->GetDer(), parsed) ==
                            CryptoStatus::OK);
        }
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Parses "a,b,c".
std::vector<std::string>
Split(const std::string& list)
{
    std::vector<std::string> items;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
    {
        if (!item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
}

/// A row of the table and its best times.
struct Row
{
    const Group* group;                                      //!< DH group
    Auth auth;                                               //!< authentication
    CeilingInputs inputs;                                    //!< ceiling material
    double daemon{std::numeric_limits<double>::infinity()};  //!< best daemon seconds
    double ceiling{std::numeric_limits<double>::infinity()}; //!< best ceiling seconds
    double parse{std::numeric_limits<double>::infinity()};   //!< best seconds of 2n X.509 decodes
};

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t n = 200;
    uint32_t rounds = 3;
    std::string groups = "14,19,31";
    std::string auths = "psk,ecdsa";
    bool daemon = true;
    bool ceiling = true;
    Time interval = MicroSeconds(500);
    bool queueDiscs = false;
    bool fastRoutes = true;
    CommandLine cmd(__FILE__);
    cmd.AddValue("establishments", "IKE_SA + CHILD_SA establishments per run (N)", n);
    cmd.AddValue("rounds", "alternating daemon/ceiling rounds; the fastest counts", rounds);
    cmd.AddValue("groups", "DH groups, of 14,19,31", groups);
    cmd.AddValue("auth", "authentications, of psk,ecdsa,rsa", auths);
    cmd.AddValue("daemon", "run the daemons (false: ceiling only, e.g. to profile it)", daemon);
    cmd.AddValue("ceiling", "run the ceiling (false: daemons only, e.g. to profile them)", ceiling);
    cmd.AddValue("interval", "simulated time between two initiators' starts", interval);
    cmd.AddValue("queueDiscs",
                 "keep ns-3's default FqCoDel queue disc on the links (counts its per-flow set-up)",
                 queueDiscs);
    cmd.AddValue("fastRoutes",
                 "route the gateway's spokes by hash (false: ns-3's linear Ipv4StaticRouting)",
                 fastRoutes);
    cmd.Parse(argc, argv);
    n = std::max<uint32_t>(n, 1);
    rounds = std::max<uint32_t>(rounds, 1);

    std::vector<Row> rows;
    for (const std::string& g : Split(groups))
    {
        const Group* group = nullptr;
        for (const Group& known : kGroups)
        {
            if (std::to_string(static_cast<int>(known.id)) == g)
            {
                group = &known;
            }
        }
        NS_ABORT_MSG_UNLESS(group != nullptr, "unknown group " << g << " (known: 14,19,31)");
        for (const std::string& a : Split(auths))
        {
            NS_ABORT_MSG_UNLESS(a == "psk" || a == "ecdsa" || a == "rsa",
                                "unknown auth " << a << " (known: psk,ecdsa,rsa)");
            Row row;
            row.group = group;
            row.auth = a == "psk" ? Auth::PSK : a == "ecdsa" ? Auth::ECDSA : Auth::RSA;
            row.inputs = MakeCeilingInputs(row.auth, n);
            rows.push_back(std::move(row));
        }
    }

    bool allEstablished = true;
    bool allAgreed = true;
    for (uint32_t r = 0; r < rounds; ++r)
    {
        for (Row& row : rows)
        {
            if (daemon)
            {
                RngSeedManager::SetSeed(1);
                RngSeedManager::SetRun(1);
                std::string failure;
                const Run run =
                    RunDaemons(*row.group, row.auth, n, interval, queueDiscs, fastRoutes, &failure);
                if (!run.ok)
                {
                    std::fprintf(stderr,
                                 "%s %s: %s\n",
                                 row.group->name,
                                 AuthName(row.auth),
                                 failure.c_str());
                    allEstablished = false;
                }
                row.daemon = std::min(row.daemon, run.seconds);
            }
            if (ceiling)
            {
                const Run run = RunCeiling(*row.group, row.auth, n, row.inputs);
                if (!run.ok)
                {
                    std::fprintf(stderr,
                                 "%s %s: the ceiling's crypto failed\n",
                                 row.group->name,
                                 AuthName(row.auth));
                    allAgreed = false;
                }
                row.ceiling = std::min(row.ceiling, run.seconds);
                if (row.auth != Auth::PSK)
                {
                    row.parse = std::min(row.parse, TimeCertificateParse(n, row.inputs));
                }
            }
        }
    }

    std::printf("IKEv2 IKE_SA + first CHILD_SA establishments per wall-second "
                "(aes128gcm16-prfsha256, ESP aes128gcm16, transport), N=%u, best of %u rounds\n",
                n,
                rounds);
    std::printf("%-14s %-13s %12s %12s %6s\n", "group", "auth", "estab/s", "ceiling/s", "ratio");
    for (const Row& row : rows)
    {
        const double rate = daemon ? n / row.daemon : 0;
        const double limit = ceiling ? n / row.ceiling : 0;
        std::printf("%-14s %-13s %12.1f %12.1f %6.3f\n",
                    row.group->name,
                    AuthName(row.auth),
                    rate,
                    limit,
                    daemon && ceiling ? rate / limit : 0.0);
    }
    for (const Row& row : rows)
    {
        if (ceiling && row.auth != Auth::PSK)
        {
            std::printf("outside the ceiling, %s %s: X.509 decode of the peer's certificate "
                        "%.1f us, one per side\n",
                        row.group->name,
                        AuthName(row.auth),
                        1e6 * row.parse / (2.0 * n));
        }
    }
    if (daemon)
    {
        std::printf("all established: %s\n", allEstablished ? "yes" : "no");
    }
    if (ceiling)
    {
        std::printf("ceiling crypto agreed: %s\n", allAgreed ? "yes" : "no");
    }
    return allEstablished && allAgreed ? 0 : 1;
}
