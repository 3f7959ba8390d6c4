/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "evp-fetch.h"

#include "ns3/log.h"

#include <map>
#include <memory>
#include <mutex>
#include <openssl/evp.h>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EvpFetch");

namespace
{

/**
 * A name -> fetched algorithm cache. Lookups happen when SAs and PRFs are made, never per
 * packet, so a mutex-protected map is cheap enough and keeps fetches to one per name.
 */
template <typename T, T* (*Fetch)(OSSL_LIB_CTX*, const char*, const char*), void (*Free)(T*)>
class FetchCache
{
  public:
    T* Get(const char* name)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_items.find(name);
        if (it != m_items.end())
        {
            return it->second.get();
        }
        T* item = Fetch(nullptr, name, nullptr);
        if (item == nullptr)
        {
            NS_LOG_WARN("OpenSSL has no algorithm " << name);
            return nullptr;
        }
        m_items.emplace(name, std::unique_ptr<T, void (*)(T*)>(item, Free));
        return item;
    }

  private:
    std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<T, void (*)(T*)>> m_items;
};

} // namespace

evp_cipher_st*
EvpFetchCipher(const char* name)
{
    static FetchCache<EVP_CIPHER, EVP_CIPHER_fetch, EVP_CIPHER_free> cache;
    return cache.Get(name);
}

evp_mac_st*
EvpFetchMac(const char* name)
{
    static FetchCache<EVP_MAC, EVP_MAC_fetch, EVP_MAC_free> cache;
    return cache.Get(name);
}

evp_md_st*
EvpFetchMd(const char* name)
{
    static FetchCache<EVP_MD, EVP_MD_fetch, EVP_MD_free> cache;
    return cache.Get(name);
}

} // namespace ns3
