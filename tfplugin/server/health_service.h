// grpc.health.v1.Health as go-plugin's client uses it (Ping() checks
// service "plugin"): Check answers SERVING for the server as a whole ("")
// and for "plugin", NOT_FOUND for any other service, as gRPC's default
// health service does. Watch is left UNIMPLEMENTED, which the health
// checking protocol allows (grpc/doc/health-checking.md); go-plugin never
// calls it.
//
// A synchronous service on purpose: gRPC's default one uses the callback
// API, and with the epoll poller that makes every server start two more
// threads ("nexting_thread") polling a completion queue of their own; they
// cost each provider process 0.2 ms to the handshake and 0.6 ms to the first
// schema answer on a 2-core machine (bench/README.md). Thread-safe.
#ifndef POLYBACKUP_TFPLUGIN_SERVER_HEALTH_SERVICE_H_
#define POLYBACKUP_TFPLUGIN_SERVER_HEALTH_SERVICE_H_

#include "tfplugin/proto/health.grpc.pb.h"

namespace polybackup::tfplugin {

class HealthService final : public grpc::health::v1::Health::Service {
 public:
  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override;
};

}  // namespace polybackup::tfplugin

#endif  // POLYBACKUP_TFPLUGIN_SERVER_HEALTH_SERVICE_H_
