using System.IO.Compression;
using System.Text.Json;
using BreachNotify.Worker.Tests.Infrastructure;

namespace BreachNotify.Worker.Tests;

/// <summary>The deployment package (the isolated worker's, the only one), as scripts/package.sh writes it.</summary>
public sealed class PackageTests
{
    [Fact]
    public void WorkerPackage_HoldsTheWorker_ItsGeneratedMetadataAndHostJson_AndNoFunctionJson()
    {
        var package = Environment.GetEnvironmentVariable("BREACHNOTIFY_PACKAGE");
        if (string.IsNullOrEmpty(package))
        {
            Assert.Skip("BREACHNOTIFY_PACKAGE is not set: scripts/test.sh builds the package and sets it.");
        }

        Assert.Equal("breachnotify-worker.zip", Path.GetFileName(package));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(package)!, "breachnotify-functions.zip")), "a custom-handler package beside the worker's");
        using var archive = ZipFile.OpenRead(package);
        var entries = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToHashSet();
        foreach (var required in new[] { "BreachNotify.Worker.dll", "worker.config.json", "functions.metadata", "host.json", "classification-rules.json" })
        {
            Assert.Contains(required, entries);
        }

        Assert.DoesNotContain(entries, e => e.EndsWith("function.json", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith(".azurefunctions/", StringComparison.Ordinal));

        using var packaged = JsonDocument.Parse(archive.GetEntry("functions.metadata")!.Open());
        using var built = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsTestHost.WorkerDirectory, "functions.metadata")));
        Assert.Equal(Names(built), Names(packaged));
        using var host = JsonDocument.Parse(archive.GetEntry("host.json")!.Open());
        Assert.Equal(new WorkflowOptions().MaxDequeueCount, host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32());
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
    }

    private static IEnumerable<string?> Names(JsonDocument metadata) => metadata.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()).Order();
}
