using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Worker.Tests.HostProtocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Worker.Tests.Infrastructure;

/// <summary>
/// What the Functions host does for a dotnet-isolated app, as far as these tests need it, with the built worker as a
/// child process: a gRPC server the worker dials, then worker init, the metadata request, one load per function, and
/// invocations. An HTTP invocation goes as the host sends it: the invocation over gRPC and the request itself to the
/// worker's own web server (its <c>HttpUri</c> capability), tied together by the <c>x-ms-invocation-id</c> header.
/// Not here: function keys, the queue listener's own leases and poison queue, the timer's schedule, scale-out.
/// </summary>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    public const string InvocationIdHeader = "x-ms-invocation-id";
    public const string WorkItemFunction = "WorkflowQueue";
    public const string SweepFunction = "OutboxSweep";
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(60);

    private readonly WebApplication _rpc;
    private readonly Process _worker;
    private readonly WorkerStream _stream;
    private readonly ConcurrentQueue<string> _output;

    private FunctionsTestHost(WebApplication rpc, Process worker, WorkerStream stream, ConcurrentQueue<string> output, Uri httpUri, IReadOnlyList<LoadedFunction> functions, IReadOnlyList<RpcFunctionMetadata> declared)
    {
        _rpc = rpc;
        _worker = worker;
        _stream = stream;
        _output = output;
        HttpUri = httpUri;
        Functions = functions;
        Declared = declared;
    }

    /// <summary>The built worker: the same configuration as these tests (Release under the test command).</summary>
    public static string WorkerDirectory { get; } = RepositoryRoot.File(
        "src", "BreachNotify.Worker", "bin", AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release", "net10.0");

    /// <summary>The worker's own web server, where HTTP requests are forwarded.</summary>
    public Uri HttpUri { get; }

    /// <summary>Every function the worker declared, loaded.</summary>
    public IReadOnlyList<LoadedFunction> Functions { get; }

    /// <summary>The metadata response, as the worker sent it.</summary>
    public IReadOnlyList<RpcFunctionMetadata> Declared { get; }

    public string Diagnostics => "worker log:\n" + string.Join('\n', _stream.Logs.TakeLast(30)) + "\nworker output:\n" + string.Join('\n', _output.TakeLast(30));

    public static async Task<FunctionsTestHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var directory = WorkerDirectory;
        if (!File.Exists(Path.Combine(directory, "BreachNotify.Worker.dll")))
        {
            throw new InvalidOperationException($"The worker is not built in {directory}: build tests/BreachNotify.Worker.Tests (it builds the worker).");
        }

        var stream = new WorkerStream();
        var port = AzuriteFixture.FreePort();
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(stream);
        var rpc = builder.Build();
        rpc.MapGrpcService<HostProtocolServer>();
        await rpc.StartAsync();

        var workerId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo("dotnet", [
            Path.Combine(directory, "BreachNotify.Worker.dll"),
            "--functions-uri", $"http://127.0.0.1:{port}/",
            "--functions-worker-id", workerId,
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", int.MaxValue.ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = directory;
        start.Environment["AzureWebJobsScriptRoot"] = directory;
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new ConcurrentQueue<string>();
        var worker = new Process { StartInfo = start };
        worker.OutputDataReceived += (_, e) => Keep(output, e.Data);
        worker.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        worker.Start();
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();

        try
        {
            var exited = worker.WaitForExitAsync();
            var first = await Task.WhenAny(stream.Started, exited).WaitAsync(Answer);
            if (first == exited)
            {
                throw new InvalidOperationException($"The worker exited ({worker.ExitCode}) before opening its event stream:\n" + string.Join('\n', output));
            }

            var started = await stream.Started;
            if (started.WorkerId != workerId)
            {
                throw new InvalidOperationException($"The worker opened its stream as {started.WorkerId}, not {workerId}.");
            }

            var init = (await stream.RequestAsync(
                new StreamingMessage
                {
                    RequestId = "init",
                    WorkerInitRequest = new WorkerInitRequest { HostVersion = "4.1040.100", WorkerDirectory = directory, FunctionAppDirectory = directory },
                },
                "init",
                Answer)).WorkerInitResponse;
            Succeeded(init.Result, "worker init");
            var httpUri = init.Capabilities.TryGetValue("HttpUri", out var uri)
                ? new Uri(uri)
                : throw new InvalidOperationException("The worker declared no HttpUri: the ASP.NET Core integration is not on.");

            var metadata = (await stream.RequestAsync(
                new StreamingMessage { RequestId = "metadata", FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = directory } },
                "metadata",
                Answer)).FunctionMetadataResponse;
            Succeeded(metadata.Result, "function metadata");

            var functions = new List<LoadedFunction>();
            foreach (var declared in metadata.FunctionMetadataResults)
            {
                functions.Add(await LoadAsync(stream, declared, directory));
            }

            await WaitListeningAsync(httpUri, worker, output);
            return new FunctionsTestHost(rpc, worker, stream, output, httpUri, functions, [.. metadata.FunctionMetadataResults]);
        }
        catch
        {
            Stop(worker);
            await rpc.DisposeAsync();
            throw;
        }
    }

    public LoadedFunction Function(string name) =>
        Functions.SingleOrDefault(f => f.Name == name) ?? throw new InvalidOperationException($"The worker declared no function {name}.");

    /// <summary>The HTTP function the host would choose for a request: method and route, literal segments before parameters.</summary>
    public LoadedFunction? Route(string method, string path) => Functions
        .Where(f => f.IsHttp && f.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        .Where(f => new TemplateMatcher(TemplateParser.Parse(f.Route!), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()))
        .OrderBy(f => f.Pattern!.Parameters.Count)
        .FirstOrDefault();

    public async Task<InvocationResponse> InvokeAsync(
        LoadedFunction function, IEnumerable<ParameterBinding> inputs, IReadOnlyDictionary<string, TypedData>? triggerMetadata = null, string? invocationId = null, string? traceParent = null)
    {
        invocationId ??= Guid.NewGuid().ToString();
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.Id,
            // The host always sends the invocation's trace context (its own activity), and the worker reads it.
            TraceContext = new RpcTraceContext { TraceParent = traceParent ?? NewTraceParent(), TraceState = "" },
        };
        request.InputData.AddRange(inputs);
        foreach (var (key, value) in triggerMetadata ?? new Dictionary<string, TypedData>())
        {
            request.TriggerMetadata[key] = value;
        }

        var answer = await _stream.RequestAsync(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request }, invocationId, Answer);
        return answer.InvocationResponse;
    }

    /// <summary>A W3C traceparent of a new trace: the host's activity for one invocation.</summary>
    public static string NewTraceParent() => $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";

    /// <summary>A queue-trigger invocation of the work-item function, with the trigger metadata the host sends.</summary>
    public Task<InvocationResponse> InvokeQueueAsync(string body, string messageId, long dequeueCount)
    {
        var function = Function(WorkItemFunction);
        return InvokeAsync(
            function,
            [new ParameterBinding { Name = function.TriggerName, Data = new TypedData { String = body } }],
            new Dictionary<string, TypedData>
            {
                ["Id"] = new() { String = messageId },
                ["DequeueCount"] = new() { Json = dequeueCount.ToString(CultureInfo.InvariantCulture) },
                ["QueueTrigger"] = new() { String = body },
            });
    }

    /// <summary>A timer-trigger invocation of the sweep, with the timer's payload as the host serialises it.</summary>
    public Task<InvocationResponse> InvokeTimerAsync()
    {
        var function = Function(SweepFunction);
        return InvokeAsync(function, [new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}""" } }]);
    }

    /// <summary>
    /// Stands in for the queue listener: delivers every visible message to the work-item function, deletes it when the
    /// invocation succeeds, until the queue shows none. Returns how many were delivered.
    /// </summary>
    public async Task<int> DrainAsync(QueueClient queue, int maxRounds = 50)
    {
        var delivered = 0;
        for (var round = 0; round < maxRounds; round++)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
            if (messages.Length == 0)
            {
                return delivered;
            }

            foreach (var message in messages)
            {
                var response = await InvokeQueueAsync(message.Body.ToString(), message.MessageId, message.DequeueCount);
                Succeeded(response.Result, $"work item {message.MessageId}", Diagnostics);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                delivered++;
            }
        }

        throw new InvalidOperationException($"The queue still had messages after {maxRounds} rounds.");
    }

    /// <summary>An HTTP client whose requests reach the worker as the host forwards them (with its own cookies).</summary>
    public HttpClient CreateClient(Uri publicBase) => new(new FunctionsHttpHandler(this)) { BaseAddress = publicBase };

    public async ValueTask DisposeAsync()
    {
        Stop(_worker);
        _worker.Dispose();
        await _rpc.DisposeAsync();
    }

    internal static void Succeeded(StatusResult result, string what, string? diagnostics = null)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{what}: {result.Status} {result.Exception?.Message}\n{result.Exception?.StackTrace}\n{diagnostics}");
        }
    }

    private static async Task<LoadedFunction> LoadAsync(WorkerStream stream, RpcFunctionMetadata declared, string directory)
    {
        var id = string.IsNullOrEmpty(declared.FunctionId) ? Guid.NewGuid().ToString() : declared.FunctionId;
        var metadata = declared.Clone();
        metadata.FunctionId = id;
        metadata.Directory = directory;
        metadata.ScriptFile = Path.IsPathRooted(declared.ScriptFile) ? declared.ScriptFile : Path.Combine(directory, declared.ScriptFile);
        var raw = declared.RawBindings.Select(b => JsonDocument.Parse(b).RootElement.Clone()).ToList();
        if (metadata.Bindings.Count == 0)
        {
            // The host turns the raw bindings into binding infos before it loads a function.
            foreach (var binding in raw)
            {
                metadata.Bindings[binding.GetProperty("name").GetString()!] = new BindingInfo
                {
                    Type = binding.GetProperty("type").GetString(),
                    Direction = Enum.Parse<BindingInfo.Types.Direction>(binding.GetProperty("direction").GetString()!, ignoreCase: true),
                    DataType = binding.TryGetProperty("dataType", out var dataType) && Enum.TryParse<BindingInfo.Types.DataType>(dataType.GetString(), true, out var parsed)
                        ? parsed
                        : BindingInfo.Types.DataType.Undefined,
                };
            }
        }

        var loaded = (await stream.RequestAsync(
            new StreamingMessage { RequestId = Guid.NewGuid().ToString(), FunctionLoadRequest = new FunctionLoadRequest { FunctionId = id, Metadata = metadata } },
            id,
            Answer)).FunctionLoadResponse;
        Succeeded(loaded.Result, $"load of {declared.Name}");

        var trigger = raw.Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        var route = trigger.TryGetProperty("route", out var r) ? r.GetString() : null;
        var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList() : [];
        return new LoadedFunction(id, declared.Name, trigger.GetProperty("type").GetString()!, trigger.GetProperty("name").GetString()!, route, methods, trigger);
    }

    /// <summary>The worker's web server starts beside its gRPC client; the host forwards no request before it listens.</summary>
    private static async Task WaitListeningAsync(Uri httpUri, Process worker, ConcurrentQueue<string> output)
    {
        var deadline = DateTime.UtcNow + Answer;
        while (true)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, httpUri.Port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline && !worker.HasExited)
            {
                await Task.Delay(100);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new InvalidOperationException($"The worker's web server at {httpUri} never listened: {e.Message}\n" + string.Join('\n', output));
            }
        }
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
            while (output.Count > 500 && output.TryDequeue(out _))
            {
            }
        }
    }

    private static void Stop(Process worker)
    {
        try
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
                worker.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
    }
}
