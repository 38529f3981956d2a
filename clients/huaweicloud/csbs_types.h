// Plain structs for CSBS v1 backup policies (Huawei Cloud / Open Telekom
// Cloud, "Creating a Backup Policy" API reference: /work/shared/seeds/
// csbs-create-backup-policy.rst). Member names are the API's. An unset
// optional / empty string is "not sent" on writes and "not answered" on reads.
#ifndef POLYBACKUP_CLIENTS_HUAWEICLOUD_CSBS_TYPES_H_
#define POLYBACKUP_CLIENTS_HUAWEICLOUD_CSBS_TYPES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polybackup::clients::huaweicloud {

// The fixed provider id of CSBS (server backups); the API requires it.
inline constexpr char kCsbsProviderId[] = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";
inline constexpr char kCsbsServerType[] = "OS::Nova::Server";

// Counts are -1 or 0..99999. The service answers max_backups,
// retention_duration_days and permanent as strings ("20", "false") while
// requests take numbers/booleans; Huawei's variant answers native types.
// Both read the same here. day/week/month/year_backups and timezone (OTC)
// are accepted on writes but never answered: a reader cannot restore them.
struct CsbsOperationDefinition {
  std::optional<long long> max_backups;
  std::optional<long long> retention_duration_days;
  std::optional<bool> permanent;
  std::optional<long long> day_backups;
  std::optional<long long> week_backups;
  std::optional<long long> month_backups;
  std::optional<long long> year_backups;
  std::string timezone;     // "UTC+08:00"; required when a day/week/month/year count is set
  std::string plan_id;      // answered only
  std::string provider_id;  // answered only
};

struct CsbsScheduledOperation {
  std::string id;  // answered; on update it must name the existing operation
  std::string name;
  std::string description;
  std::optional<bool> enabled;            // required on create; the API default is true
  std::string operation_type = "backup";  // the only value
  CsbsOperationDefinition operation_definition;
  // iCalendar subset: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;
  // BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".
  std::string trigger_pattern;
  // Answered only.
  std::string trigger_id;
  std::string trigger_name;        // "default"
  std::string trigger_type;        // "time"
  std::string trigger_start_time;  // "2017-03-07 09:27:41"
  std::string trigger_format;      // "ical"
};

struct CsbsResource {
  std::string id;
  std::string type = kCsbsServerType;
  std::string name;
};

struct CsbsTag {
  std::string key;
  std::string value;
  bool operator==(const CsbsTag&) const = default;
};

struct CsbsPolicy {
  std::string id;
  std::string name;
  std::string description;
  std::string provider_id;
  std::string project_id;
  std::string status;      // "creating" (busy: updates answer 409), "suspended", "enabled", ...
  std::string created_at;  // "2017-04-18T01:21:52.701973": UTC without a zone
  std::map<std::string, std::string> common;  // parameters.common
  std::vector<CsbsResource> resources;
  std::vector<CsbsScheduledOperation> scheduled_operations;
  std::vector<CsbsTag> tags;
};

struct CreateCsbsPolicyRequest {
  std::string name;
  std::string description;
  std::string provider_id = kCsbsProviderId;
  std::map<std::string, std::string> common;
  std::vector<CsbsResource> resources;                       // may be empty
  std::vector<CsbsScheduledOperation> scheduled_operations;  // exactly one in practice
  std::vector<CsbsTag> tags;  // up to 10; omitted when empty (the API rejects [])
};

// Every member optional: only what is set is sent.
struct UpdateCsbsPolicyRequest {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::map<std::string, std::string>> common;
  std::optional<std::vector<CsbsResource>> resources;
  // Each element must carry the existing operation's `id`.
  std::optional<std::vector<CsbsScheduledOperation>> scheduled_operations;
};

struct ListCsbsPoliciesRequest {
  std::string name;    // exact-name filter; "" = all
  int limit = 0;       // 0 = the service default (1000)
  std::string marker;  // id of the last policy of the previous page
  std::string sort;    // "created_at:desc"; "" = the service default
};

struct CsbsPolicyPage {
  std::vector<CsbsPolicy> policies;
  std::string next_marker;  // "" = last page
};

}  // namespace polybackup::clients::huaweicloud

#endif  // POLYBACKUP_CLIENTS_HUAWEICLOUD_CSBS_TYPES_H_
