// Default public endpoints of Huawei Cloud and Open Telekom Cloud: both
// name hosts <service>.<region>.<cloud>, the cloud being the domain the
// region belongs to (the reference providers' `cloud` argument).
#ifndef POLYBACKUP_CLIENTS_HUAWEICLOUD_HUAWEI_ENDPOINTS_H_
#define POLYBACKUP_CLIENTS_HUAWEICLOUD_HUAWEI_ENDPOINTS_H_

#include <string>
#include <string_view>

namespace polybackup::clients::huaweicloud {

// The domain of a region's public endpoints when `cloud` is not set: Open
// Telekom Cloud for eu-de and eu-nl (otc.t-systems.com) and eu-ch2
// (sc.otc.t-systems.com), Huawei Cloud Europe for eu-west-1xx
// (myhuaweicloud.eu), Huawei Cloud (myhuaweicloud.com) for the rest.
std::string DefaultCloud(std::string_view region);

// https://iam.<region>.<cloud>/v3 (cloud "" = DefaultCloud(region); Swiss
// OTC's host is iam-pub.eu-ch2.sc.otc.t-systems.com).
std::string DefaultIamEndpoint(std::string_view region, std::string_view cloud = "");

// https://csbs.<region>.<DefaultCloud(region)>: OTC's
// eu-de -> https://csbs.eu-de.otc.t-systems.com, Huawei's cn-north-4 ->
// https://csbs.cn-north-4.myhuaweicloud.com.
std::string DefaultCsbsEndpoint(std::string_view region);

}  // namespace polybackup::clients::huaweicloud

#endif  // POLYBACKUP_CLIENTS_HUAWEICLOUD_HUAWEI_ENDPOINTS_H_
