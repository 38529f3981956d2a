#include "clients/huaweicloud/huawei_endpoints.h"

namespace polybackup::clients::huaweicloud {

std::string DefaultCloud(std::string_view region) {
  const std::string r(region);
  if (r == "eu-de" || r == "eu-nl") return "otc.t-systems.com";
  if (r == "eu-ch2") return "sc.otc.t-systems.com";
  // Huawei Cloud Europe (eu-west-101, ...) lives under its own domain.
  if (r.rfind("eu-west-1", 0) == 0) return "myhuaweicloud.eu";
  return "myhuaweicloud.com";
}

std::string DefaultIamEndpoint(std::string_view region, std::string_view cloud) {
  const std::string c = cloud.empty() ? DefaultCloud(region) : std::string(cloud);
  // Swiss OTC names its IAM host iam-pub.
  const std::string host = c == "sc.otc.t-systems.com" ? "iam-pub." : "iam.";
  return "https://" + host + std::string(region) + "." + c + "/v3";
}

std::string DefaultCsbsEndpoint(std::string_view region) {
  return "https://csbs." + std::string(region) + "." + DefaultCloud(region);
}

}  // namespace polybackup::clients::huaweicloud
