#include "functions/schedule_functions.h"

#include "functions/next_runs.h"
#include "functions/schedule.h"

namespace polybackup::functions {
namespace {

using framework::Function;
using framework::FunctionArgs;
using framework::FunctionError;
using framework::FunctionResult;

struct ScheduleModel {
  schema::List<std::string> days;
  schema::String time;
  schema::String aws_cron;
  schema::String csbs_rrule;
  schema::String csbs_trigger_pattern;
  schema::List<std::string> kvstore_period;
  schema::String kvstore_time;
  schema::String dbs_period;
  schema::String dbs_start_time;
};

const schema::ModelSchema<ScheduleModel>& ScheduleObject() {
  static const auto* s = [] {
    using M = ScheduleModel;
    auto* m = new schema::ModelSchema<M>();
    m->Attribute("days", &M::days).Computed().Description("Weekdays, Monday first.");
    m->Attribute("time", &M::time).Computed().Description("UTC time, HH:MM.");
    m->Attribute("aws_cron", &M::aws_cron).Computed().Description("AWS Backup rule schedule.");
    m->Attribute("csbs_rrule", &M::csbs_rrule).Computed().Description("CSBS rule, bare.");
    m->Attribute("csbs_trigger_pattern", &M::csbs_trigger_pattern)
        .Computed()
        .Description("CSBS trigger pattern (the rule in its calendar).");
    m->Attribute("kvstore_period", &M::kvstore_period).Computed().Description("R-kvstore days.");
    m->Attribute("kvstore_time", &M::kvstore_time).Computed().Description("R-kvstore window.");
    m->Attribute("dbs_period", &M::dbs_period).Computed().Description("DBS backup_period.");
    m->Attribute("dbs_start_time", &M::dbs_start_time)
        .Computed()
        .Description("DBS backup_start_time.");
    m->Freeze();
    return m;
  }();
  return *s;
}

// The object every function of the family returns, or the error naming the
// dialect a schedule does not fit.
FunctionResult Dialects(const Schedule& s, int64_t argument) {
  absl::StatusOr<std::string> window = KvstoreTime(s);
  if (!window.ok()) return FunctionError(argument, std::string(window.status().message()));
  ScheduleModel m;
  m.days = DayNames(s);
  m.time = TimeOfDay(s);
  m.aws_cron = AwsCron(s);
  m.csbs_rrule = CsbsRrule(s);
  m.csbs_trigger_pattern = CsbsTriggerPattern(s);
  m.kvstore_period = KvstorePeriod(s);
  m.kvstore_time = *window;
  m.dbs_period = DbsPeriod(s);
  m.dbs_start_time = DbsStartTime(s);
  return ScheduleObject().Encode(m);
}

FunctionError ErrorAt(int64_t argument, const absl::Status& status) {
  return FunctionError(argument, std::string(status.message()));
}

Function ScheduleFunction() {
  Function f("schedule");
  f.Summary("One backup schedule in every cloud's dialect")
      .MarkdownDescription(
          "Translates weekdays and a UTC time into the four schedule dialects polybackup's "
          "resources take: an AWS Backup `cron(...)`, a CSBS rule and trigger pattern, an "
          "R-kvstore period and window, a DBS period and start time.")
      .Param<std::vector<std::string>>(
          "days",
          "Weekdays in any spelling the clouds use (`Monday`, `MON`, `MO`, any letter "
          "case), or `[\"daily\"]`.")
      .Param<std::string>("time", "The UTC start time, `HH:MM`; on the hour for R-kvstore.")
      .ReturnsObject(ScheduleObject())
      .Body([](const FunctionArgs& a) -> FunctionResult {
        Schedule s;
        absl::StatusOr<std::set<int>> days = ParseDays(a.Get<std::vector<std::string>>(0));
        if (!days.ok()) return ErrorAt(0, days.status());
        s.days = *days;
        if (absl::Status t = ParseTime(a.Get<std::string>(1), &s); !t.ok()) return ErrorAt(1, t);
        return Dialects(s, 1);
      });
  return f;
}

Function ParseAwsCronFunction() {
  Function f("parse_aws_cron");
  f.Summary("An AWS Backup schedule in every cloud's dialect")
      .MarkdownDescription(
          "Reads an AWS Backup `cron(...)` schedule and returns the same object as `schedule`, "
          "or an error naming what the other clouds cannot express (a day of the month, a "
          "month, several times a day, a `rate(...)`).")
      .Param<std::string>("expression",
                          "An AWS `cron(Minutes Hours Day-of-month Month "
                          "Day-of-week Year)` expression.")
      .ReturnsObject(ScheduleObject())
      .Body([](const FunctionArgs& a) -> FunctionResult {
        auto parsed = clients::aws::ParseScheduleExpression(a.Get<std::string>(0));
        if (!parsed.ok()) return ErrorAt(0, parsed.status());
        absl::StatusOr<Schedule> s = FromAwsSchedule(*parsed);
        if (!s.ok()) return ErrorAt(0, s.status());
        return Dialects(*s, 0);
      });
  return f;
}

Function ParseCsbsRruleFunction() {
  Function f("parse_csbs_rrule");
  f.Summary("A CSBS schedule in every cloud's dialect")
      .MarkdownDescription(
          "Reads a CSBS rule, bare (`FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0`) or as a "
          "trigger pattern in its calendar, and returns the same object as `schedule`, or an "
          "error naming what the other clouds cannot express (several times a day).")
      .Param<std::string>("rule", "A CSBS rule or trigger pattern.")
      .ReturnsObject(ScheduleObject())
      .Body([](const FunctionArgs& a) -> FunctionResult {
        const std::string text = a.Get<std::string>(0);
        auto rule = text.find("BEGIN:VCALENDAR") != std::string::npos
                        ? clients::huaweicloud::ParseTriggerPattern(text)
                        : clients::huaweicloud::ParseRrule(text);
        if (!rule.ok()) return ErrorAt(0, rule.status());
        if (absl::Status limits = clients::huaweicloud::CheckCsbsLimits(*rule); !limits.ok()) {
          return ErrorAt(0, limits);
        }
        absl::StatusOr<Schedule> s = FromCsbsRule(*rule);
        if (!s.ok()) return ErrorAt(0, s.status());
        return Dialects(*s, 0);
      });
  return f;
}

Function NextRunsFunction() {
  Function f("next_runs");
  f.Summary("When a backup schedule runs next")
      .MarkdownDescription(
          "The next `count` start times, in UTC (RFC 3339), strictly after `from`, of an AWS "
          "Backup `cron(...)` or `rate(...)` expression (a rate counts from `from`) or a CSBS "
          "rule or trigger pattern. With `timestamp()` as `from` a plan shows when backups "
          "will run, and a `check` block can assert it.")
      .Param<std::string>("expression", "An AWS `cron(...)`/`rate(...)`, or a CSBS rule.")
      .Param<int64_t>("count", "How many start times, 1 to 1000.")
      .Param<std::string>("from",
                          "An RFC 3339 time, e.g. `timestamp()` or "
                          "`\"2026-12-01T00:00:00Z\"`.")
      .Returns<std::vector<std::string>>()
      .Body([](const FunctionArgs& a) -> FunctionResult {
        const int64_t count = a.Get<int64_t>(1);
        if (count < 1 || count > 1000) return FunctionError(1, "count must be from 1 to 1000");
        absl::StatusOr<Seconds> from = ParseRfc3339(a.Get<std::string>(2));
        if (!from.ok()) return ErrorAt(2, from.status());
        auto runs = NextRuns(a.Get<std::string>(0), static_cast<int>(count), *from);
        if (!runs.ok()) return ErrorAt(0, runs.status());
        std::vector<std::string> out;
        for (Seconds t : *runs) out.push_back(FormatRfc3339(t));
        return framework::Return(out);
      });
  return f;
}

}  // namespace

void AddScheduleFunctions(framework::ProviderBuilder& builder) {
  builder.AddFunction(ScheduleFunction());
  builder.AddFunction(ParseAwsCronFunction());
  builder.AddFunction(ParseCsbsRruleFunction());
  builder.AddFunction(NextRunsFunction());
}

}  // namespace polybackup::functions
