using BreachNotify.Worker.Tests.HostProtocol;
using Grpc.Core;

namespace BreachNotify.Worker.Tests.Infrastructure;

/// <summary>
/// The host's side of FunctionRpc: the worker dials in and opens one event stream, which is handed to the test host and
/// kept open until the host stops.
/// </summary>
public sealed class HostProtocolServer(WorkerStream stream) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        await stream.AttachAsync(requestStream, responseStream, context.CancellationToken);
    }
}
