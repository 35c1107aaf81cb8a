using System.Reflection;
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
        var shipped = Assembly.LoadFrom(Path.Combine(FunctionsTestHost.WorkerDirectory, "Microsoft.Azure.Functions.Worker.Grpc.dll"))
            .GetType("Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection", throwOnError: true)!
            .GetProperty("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!
            .GetValue(null) as FileDescriptor;
        Assert.NotNull(shipped);

        Assert.Equal(Shape(shipped), Shape(HostProtocol.FunctionRpcReflection.Descriptor));
    }

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
