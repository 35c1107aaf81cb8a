using System.Globalization;
using System.Runtime.InteropServices;
using BreachNotify.MailCapture;

// Standalone: dotnet run --project tools/BreachNotify.MailCapture -- --port 7072 [--api-key KEY]
var options = new MailCaptureOptions { Port = 7072 };
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port):
            options = options with { Port = port };
            i++;
            break;
        case "--api-key" when !string.IsNullOrEmpty(value):
            options = options with { ApiKey = value };
            i++;
            break;
        default:
            Console.Error.WriteLine("usage: BreachNotify.MailCapture [--port N] [--api-key KEY]");
            return 2;
    }
}

using var stopping = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using var server = await MailCaptureServer.StartAsync(options, stopping.Token);
Console.WriteLine($"Inbox:        {server.BaseAddress}");
Console.WriteLine($"SendGrid API: {server.BaseAddress}v3/mail/send  ({(options.ApiKey is null ? "any bearer key" : "bearer key required")})");
Console.WriteLine("Ctrl+C to stop.");

try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    // Stopping is the normal way out.
}
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
