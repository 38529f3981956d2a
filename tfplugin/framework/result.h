// What a resource's lifecycle methods return: every outcome is named, so no
// path can drop a cloud object from state by accident.
//
//   ReadResult<M> Read(Context& ctx, const M& state) override {
//     auto found = client->Describe(id, options);
//     if (absl::IsNotFound(found.status())) return Gone("the instance was deleted");
//     if (!ctx.AddStatus(found.status(), "reading Thing (" + id + ")")) return Failed();
//     return ToModel(*found);                      // found: the new state
//   }
//   ApplyResult<M> Create(Context& ctx, const M& planned) override {
//     auto id = client->Create(...);
//     if (!ctx.AddStatus(id.status(), "creating Thing")) return Failed();
//     M state = planned; state.id = *id;
//     Checkpoint(ctx, state);                      // from here on the object is in state
//     if (!ctx.AddStatus(client->Start(*id), "starting Thing (" + *id + ")")) return Failed();
//     return state;
//   }
//
// Read and Import: an M (found), Gone(reason) (the object no longer exists:
// Read drops it from state, Terraform plans a create; Import says there is
// nothing to import), or Failed() (an error was added: the prior state is
// kept). Create and Update: an M (done), Partial(m) (the object exists as m
// but a later step failed: recorded with the error; a create is tainted), or
// Failed() (an error was added; a create records nothing unless a
// Checkpoint was taken, an update keeps the prior state or the checkpoint).
// Failed() without an error diagnostic is a provider bug and is reported as
// such; the state rules above still hold.
#ifndef POLYBACKUP_TFPLUGIN_FRAMEWORK_RESULT_H_
#define POLYBACKUP_TFPLUGIN_FRAMEWORK_RESULT_H_

#include <optional>
#include <string>
#include <utility>

namespace polybackup::framework {

enum class Outcome { kDone, kPartial, kGone, kFailed };

struct Failed {};
struct Gone {
  explicit Gone(std::string why) : reason(std::move(why)) {}
  std::string reason;  // logged: "the instance was deleted"
};
template <class M>
struct Partial {
  explicit Partial(M s) : state(std::move(s)) {}
  M state;
};

// The shared shape; authors use ReadResult / ApplyResult.
template <class M>
class Result {
 public:
  Outcome outcome() const { return outcome_; }
  bool done() const { return outcome_ == Outcome::kDone; }
  // The state for kDone and kPartial; nullptr otherwise.
  const M* state() const { return state_ ? &*state_ : nullptr; }
  const std::string& gone_reason() const { return reason_; }

 protected:
  Result(Outcome o, std::optional<M> state, std::string reason = "")
      : outcome_(o), state_(std::move(state)), reason_(std::move(reason)) {}

 private:
  Outcome outcome_;
  std::optional<M> state_;
  std::string reason_;
};

template <class M>
class ReadResult : public Result<M> {
 public:
  ReadResult(M found) : Result<M>(Outcome::kDone, std::move(found)) {}  // NOLINT: implicit
  ReadResult(Gone gone) : Result<M>(Outcome::kGone, std::nullopt, std::move(gone.reason)) {}
  ReadResult(Failed) : Result<M>(Outcome::kFailed, std::nullopt) {}  // NOLINT: implicit
};

template <class M>
class ApplyResult : public Result<M> {
 public:
  ApplyResult(M done) : Result<M>(Outcome::kDone, std::move(done)) {}  // NOLINT: implicit
  ApplyResult(Partial<M> p) : Result<M>(Outcome::kPartial, std::move(p.state)) {}  // NOLINT
  ApplyResult(Failed) : Result<M>(Outcome::kFailed, std::nullopt) {}  // NOLINT: implicit
};

}  // namespace polybackup::framework

#endif  // POLYBACKUP_TFPLUGIN_FRAMEWORK_RESULT_H_
