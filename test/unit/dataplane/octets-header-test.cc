/* SPDX-License-Identifier: GPL-2.0-only */

/*
 * OctetsHeader: a packet that gets it carries exactly the octets given; read back the way packet
 * printing reads headers (start and end), it returns them. Emptying a packet and giving it the
 * header, as the stack does with a decrypted payload, keeps the packet's UID and packet tags and
 * drops the byte tags of the octets removed (ns-3's rules, which the stack relies on).
 */

#include "ns3/buffer.h"
#include "ns3/octets-header.h"
#include "ns3/packet.h"
#include "ns3/socket.h"

#include <gtest/gtest.h>
#include <sstream>

namespace ns3
{
namespace
{

Bytes
Pattern(size_t n)
{
    Bytes b(n);
    for (size_t i = 0; i < n; ++i)
    {
        b[i] = static_cast<uint8_t>(i * 7 + 3);
    }
    return b;
}

Bytes
Contents(Ptr<const Packet> p)
{
    Bytes b(p->GetSize());
    p->CopyData(b.data(), p->GetSize());
    return b;
}

TEST(OctetsHeaderTest, PacketCarriesExactlyTheOctets)
{
    const Bytes octets = Pattern(1400);
    Ptr<Packet> p = Create<Packet>(20); // 20 zero octets after it
    p->AddHeader(OctetsHeader(octets));
    ASSERT_EQ(p->GetSize(), 1420u);
    const Bytes all = Contents(p);
    EXPECT_EQ(Bytes(all.begin(), all.begin() + 1400), octets);
    EXPECT_EQ(Bytes(all.begin() + 1400, all.end()), Bytes(20, 0));
    // No octets is a header of size 0.
    Ptr<Packet> empty = Create<Packet>(3);
    empty->AddHeader(OctetsHeader(ByteView()));
    EXPECT_EQ(empty->GetSize(), 3u);
}

TEST(OctetsHeaderTest, ReadsBackWhatItWrote)
{
    const Bytes octets = Pattern(61);
    const OctetsHeader header(octets);
    EXPECT_EQ(header.GetSerializedSize(), 61u);
    Buffer buffer;
    buffer.AddAtStart(61);
    header.Serialize(buffer.Begin());
    OctetsHeader back;
    EXPECT_EQ(back.Deserialize(buffer.Begin(), buffer.End()), 61u);
    const ByteView read = back.GetOctets();
    EXPECT_EQ(Bytes(read.data, read.data + read.size), octets);
    // A copy owns its octets (the view must not point into the original).
    OctetsHeader copy = back;
    back.Deserialize(buffer.Begin(), buffer.Begin());
    EXPECT_EQ(back.GetSerializedSize(), 0u);
    const ByteView copied = copy.GetOctets();
    EXPECT_EQ(Bytes(copied.data, copied.data + copied.size), octets);
    std::ostringstream printed;
    copy.Print(printed);
    EXPECT_EQ(printed.str(), "61 octets");
    // Without an end there is no telling where the octets stop: nothing is read.
    EXPECT_EQ(copy.Deserialize(buffer.Begin()), 0u);
    EXPECT_EQ(copy.GetSerializedSize(), 0u);
}

TEST(OctetsHeaderTest, ReplacingAPacketsOctetsKeepsItsIdentity)
{
    Ptr<Packet> p = Create<Packet>(Pattern(100).data(), 100);
    const uint64_t uid = p->GetUid();
    SocketPriorityTag priority;
    priority.SetPriority(5);
    p->AddPacketTag(priority);
    SocketIpTtlTag ttl;
    ttl.SetTtl(9);
    p->AddByteTag(ttl);
    Ptr<Packet> copy = p->Copy(); // shares the buffer, as received packets do

    const Bytes octets = Pattern(80);
    p->RemoveAtStart(p->GetSize());
    p->AddHeader(OctetsHeader(octets));

    EXPECT_EQ(Contents(p), octets);
    EXPECT_EQ(p->GetUid(), uid);
    SocketPriorityTag kept;
    ASSERT_TRUE(p->PeekPacketTag(kept));
    EXPECT_EQ(kept.GetPriority(), 5);
    SocketIpTtlTag gone;
    EXPECT_FALSE(p->FindFirstMatchingByteTag(gone));
    // The other copy still has the old octets and its byte tag.
    EXPECT_EQ(Contents(copy), Pattern(100));
    EXPECT_TRUE(copy->FindFirstMatchingByteTag(gone));
}

} // namespace
} // namespace ns3
