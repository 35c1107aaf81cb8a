using System.Reflection;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Worker.Tests.Infrastructure;
using Google.Protobuf.Reflection;

namespace BreachNotify.Worker.Tests;

/// <summary>
/// The test host's protocol files (Protos/) were printed from the descriptor compiled into the worker's
/// Microsoft.Azure.Functions.Worker.Grpc; this holds them equal to the one the built worker really ships, so a package
/// update that changes the protocol fails here rather than as a hang in the host tests.
/// </summary>
public sealed class HostProtocolTests
{
    [Fact]
    public void CompiledProtocol_IsTheDescriptorTheWorkerShips()
    {
        var shipped = Shipped(Path.Combine(FunctionsTestHost.WorkerDirectory, "Microsoft.Azure.Functions.Worker.Grpc.dll"));

        Assert.Equal(Shape(shipped), Shape(HostProtocol.FunctionRpcReflection.Descriptor));
    }

    [Fact]
    public void ProtocolFiles_AreThePrintOfTheShippedDescriptor()
    {
        var grpc = Path.Combine(FunctionsTestHost.WorkerDirectory, "Microsoft.Azure.Functions.Worker.Grpc.dll");
        var version = System.Diagnostics.FileVersionInfo.GetVersionInfo(grpc).ProductVersion!.Split('+')[0];
        var printed = ProtoPrinter.Print(Shipped(grpc), $"Microsoft.Azure.Functions.Worker.Grpc {version}");
        var protos = Path.Combine(RepositoryRoot.Path, "tests", "BreachNotify.Worker.Tests", "Protos");
        var stale = printed.Where(p => !File.Exists(Path.Combine(protos, p.Key)) || File.ReadAllText(Path.Combine(protos, p.Key)) != p.Value).Select(p => p.Key).ToList();
        if (stale.Count > 0)
        {
            // The new print, to copy over Protos/ after a package update.
            var fresh = Path.Combine(RepositoryRoot.Path, "artifacts", "host-protocol");
            foreach (var (name, text) in printed)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(fresh, name))!);
                File.WriteAllText(Path.Combine(fresh, name), text);
            }
        }

        Assert.True(stale.Count == 0, $"Protos/ differs from the shipped descriptor in {string.Join(", ", stale)}; the current print is in artifacts/host-protocol/");
    }

    private static FileDescriptor Shipped(string grpc) =>
        (FileDescriptor)Assembly.LoadFrom(grpc)
            .GetType("Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection", throwOnError: true)!
            .GetProperty("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!
            .GetValue(null)!;

    /// <summary>Every service method, message field (number, type, label) and enum value of a file and its imports, in one order.</summary>
    private static List<string> Shape(FileDescriptor file)
    {
        var lines = new List<string>();
        foreach (var f in new[] { file }.Concat(file.Dependencies).Where(f => !f.Name.StartsWith("google/", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            lines.AddRange(f.Services.SelectMany(s => s.Methods).Select(m => $"rpc {m.Service.FullName}.{m.Name}({m.IsClientStreaming} {m.InputType.FullName}) ({m.IsServerStreaming} {m.OutputType.FullName})"));
            lines.AddRange(f.EnumTypes.SelectMany(Enum));
            lines.AddRange(f.MessageTypes.SelectMany(Message));
        }

        return lines;
    }

    private static IEnumerable<string> Message(MessageDescriptor message) =>
        message.Fields.InFieldNumberOrder().Select(f =>
                $"{message.FullName}.{f.Name} = {f.FieldNumber}: {f.FieldType} {(f.IsMap ? "map" : f.IsRepeated ? "repeated" : "single")} "
                + $"{(f.FieldType == FieldType.Message ? f.MessageType.FullName : f.FieldType == FieldType.Enum ? f.EnumType.FullName : "")} {f.RealContainingOneof?.Name}")
            .Concat(message.EnumTypes.SelectMany(Enum))
            .Concat(message.NestedTypes.SelectMany(Message));

    private static IEnumerable<string> Enum(EnumDescriptor e) => e.Values.Select(v => $"{e.FullName}.{v.Name} = {v.Number}");
}
