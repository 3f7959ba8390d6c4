/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef IPSEC_IKEV2_OCTET_READER_H
#define IPSEC_IKEV2_OCTET_READER_H

#include "ns3/crypto-types.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Bounds-checked big-endian reader over a ByteView: every Read fails (returns false and
 * leaves the output untouched) instead of reading past the end, so decoders never overrun.
 */
class Ikev2OctetReader
{
  public:
    /// \brief Reader positioned at the first octet of @p view.
    /// \param view the octets to read
    explicit Ikev2OctetReader(ByteView view)
        : m_view(view)
    {
    }

    /// \return octets not yet consumed
    size_t Remaining() const
    {
        return m_view.size - m_pos;
    }

    /// \return offset of the next octet from the start of the view
    size_t Position() const
    {
        return m_pos;
    }

    /// \brief Read one octet. \param v output \return false when none is left
    [[nodiscard]] bool ReadU8(uint8_t& v)
    {
        if (Remaining() < 1)
        {
            return false;
        }
        v = m_view.data[m_pos++];
        return true;
    }

    /// \brief Read a big-endian 16-bit value. \param v output \return false when truncated
    [[nodiscard]] bool ReadU16(uint16_t& v)
    {
        uint64_t x = 0;
        if (!ReadBe(2, x))
        {
            return false;
        }
        v = static_cast<uint16_t>(x);
        return true;
    }

    /// \brief Read a big-endian 32-bit value. \param v output \return false when truncated
    [[nodiscard]] bool ReadU32(uint32_t& v)
    {
        uint64_t x = 0;
        if (!ReadBe(4, x))
        {
            return false;
        }
        v = static_cast<uint32_t>(x);
        return true;
    }

    /// \brief Read a big-endian 64-bit value. \param v output \return false when truncated
    [[nodiscard]] bool ReadU64(uint64_t& v)
    {
        return ReadBe(8, v);
    }

    /// \brief Read @p n octets as a view into the source. \param n count \param v output
    /// \return false when truncated
    [[nodiscard]] bool ReadView(size_t n, ByteView& v)
    {
        if (Remaining() < n)
        {
            return false;
        }
        v = ByteView(m_view.data + m_pos, n);
        m_pos += n;
        return true;
    }

    /// \brief Copy @p n octets. \param n count \param v output \return false when truncated
    [[nodiscard]] bool ReadBytes(size_t n, Bytes& v)
    {
        ByteView view;
        if (!ReadView(n, view))
        {
            return false;
        }
        v.assign(view.data, view.data + view.size);
        return true;
    }

    /// \brief Copy every octet left. \param v output
    void ReadRest(Bytes& v)
    {
        v.assign(m_view.data + m_pos, m_view.data + m_view.size);
        m_pos = m_view.size;
    }

  private:
    /// Read @p n octets big-endian into @p v.
    bool ReadBe(size_t n, uint64_t& v)
    {
        if (Remaining() < n)
        {
            return false;
        }
        uint64_t x = 0;
        for (size_t i = 0; i < n; ++i)
        {
            x = (x << 8) | m_view.data[m_pos + i];
        }
        m_pos += n;
        v = x;
        return true;
    }

    ByteView m_view; //!< the octets
    size_t m_pos{0}; //!< next octet to read
};

/// \brief Append one octet. \param out destination \param v value
inline void
Ikev2AppendU8(Bytes& out, uint8_t v)
{
    out.push_back(v);
}

/// \brief Append a big-endian 16-bit value. \param out destination \param v value
inline void
Ikev2AppendU16(Bytes& out, uint16_t v)
{
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v));
}

/// \brief Append a big-endian 32-bit value. \param out destination \param v value
inline void
Ikev2AppendU32(Bytes& out, uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        out.push_back(static_cast<uint8_t>(v >> shift));
    }
}

/// \brief Append a big-endian 64-bit value. \param out destination \param v value
inline void
Ikev2AppendU64(Bytes& out, uint64_t v)
{
    for (int shift = 56; shift >= 0; shift -= 8)
    {
        out.push_back(static_cast<uint8_t>(v >> shift));
    }
}

/// \brief Append octets. \param out destination \param v octets
inline void
Ikev2AppendBytes(Bytes& out, ByteView v)
{
    out.insert(out.end(), v.data, v.data + v.size);
}

/// \brief Overwrite a big-endian 16-bit value at @p offset (used to patch length fields once
/// the body is written). \param out buffer \param offset where \param v value
inline void
Ikev2PutU16At(Bytes& out, size_t offset, uint16_t v)
{
    out[offset] = static_cast<uint8_t>(v >> 8);
    out[offset + 1] = static_cast<uint8_t>(v);
}

} // namespace ns3

#endif // IPSEC_IKEV2_OCTET_READER_H
