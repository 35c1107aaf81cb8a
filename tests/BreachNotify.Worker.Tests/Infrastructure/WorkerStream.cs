using System.Collections.Concurrent;
using BreachNotify.Worker.Tests.HostProtocol;
using Grpc.Core;

namespace BreachNotify.Worker.Tests.Infrastructure;

/// <summary>
/// The one event stream to the worker: requests written one at a time, answers matched to their request by id (an
/// invocation's by its invocation id), the worker's log lines kept for the failure message of a test.
/// </summary>
public sealed class WorkerStream
{
    private readonly TaskCompletionSource<StartStream> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new();
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private IServerStreamWriter<StreamingMessage>? _writer;

    public Task<StartStream> Started => _started.Task;

    public IEnumerable<string> Logs => _logs;

    public async Task AttachAsync(IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        _writer = writer;
        try
        {
            await foreach (var message in reader.ReadAllAsync(cancellationToken))
            {
                Receive(message);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The worker went away.
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The worker closed its event stream. Its log:\n" + string.Join('\n', _logs.TakeLast(40))));
            }

            _closed.TrySetResult();
        }
    }

    /// <summary>Sends a request and waits for the worker's answer with the same id.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, string answerId, TimeSpan timeout)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(answerId, answer))
        {
            throw new InvalidOperationException($"A request {answerId} is already waiting.");
        }

        await SendAsync(request);
        try
        {
            return await answer.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The worker did not answer {request.ContentCase} within {timeout}. Its log:\n" + string.Join('\n', _logs.TakeLast(40)));
        }
        finally
        {
            _pending.TryRemove(answerId, out _);
        }
    }

    public async Task SendAsync(StreamingMessage message)
    {
        var writer = _writer ?? throw new InvalidOperationException("The worker has not opened its event stream.");
        await _writing.WaitAsync();
        try
        {
            await writer.WriteAsync(message);
        }
        finally
        {
            _writing.Release();
        }
    }

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                _logs.Enqueue($"{message.RpcLog.Level} {message.RpcLog.Category}: {message.RpcLog.Message} {message.RpcLog.Exception?.Message}");
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete(message.InvocationResponse.InvocationId, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Complete(message.FunctionLoadResponse.FunctionId, message);
                break;
            default:
                Complete(message.RequestId, message);
                break;
        }
    }

    private void Complete(string id, StreamingMessage message)
    {
        if (_pending.TryGetValue(id, out var waiting))
        {
            waiting.TrySetResult(message);
        }
    }
}
