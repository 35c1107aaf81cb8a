using System.Text;
using Google.Protobuf.Reflection;

namespace BreachNotify.Worker.Tests.Infrastructure;

/// <summary>
/// Prints a compiled protobuf descriptor back as .proto text (proto3: messages, enums, oneofs, maps, optional, services),
/// under this project's C# namespace. Protos/ is this printer's output for the worker's shipped descriptor.
/// </summary>
public static class ProtoPrinter
{
    public const string CSharpNamespace = "BreachNotify.Worker.Tests.HostProtocol";

    /// <summary>The file and the imports it needs that are not Google's well-known types, by file name.</summary>
    public static IReadOnlyDictionary<string, string> Print(FileDescriptor file, string origin) =>
        new[] { file }.Concat(file.Dependencies)
            .Where(f => !f.Name.StartsWith("google/", StringComparison.Ordinal))
            .ToDictionary(f => f.Name, f => PrintFile(f, origin), StringComparer.Ordinal);

    private static string PrintFile(FileDescriptor file, string origin)
    {
        var text = new StringBuilder();
        text.AppendLine($"// Generated from the descriptor compiled into {origin} (the host protocol).");
        text.AppendLine("syntax = \"proto3\";");
        text.AppendLine();
        if (file.Package.Length > 0)
        {
            text.AppendLine($"package {file.Package};");
            text.AppendLine();
        }

        text.AppendLine($"option csharp_namespace = \"{CSharpNamespace}\";");
        text.AppendLine();
        foreach (var dependency in file.Dependencies)
        {
            text.AppendLine($"import \"{dependency.Name}\";");
        }

        if (file.Dependencies.Count > 0)
        {
            text.AppendLine();
        }

        foreach (var service in file.Services)
        {
            text.AppendLine($"service {service.Name} {{");
            foreach (var method in service.Methods)
            {
                text.AppendLine($"  rpc {method.Name} ({(method.IsClientStreaming ? "stream " : "")}.{method.InputType.FullName}) returns ({(method.IsServerStreaming ? "stream " : "")}.{method.OutputType.FullName}) {{}}");
            }

            text.AppendLine("}");
            text.AppendLine();
        }

        foreach (var e in file.EnumTypes)
        {
            Enum(text, e, "");
        }

        foreach (var message in file.MessageTypes)
        {
            Message(text, message, "");
        }

        return text.ToString();
    }

    private static void Enum(StringBuilder text, EnumDescriptor e, string indent)
    {
        text.AppendLine($"{indent}enum {e.Name} {{");
        foreach (var value in e.Values)
        {
            text.AppendLine($"{indent}  {value.Name} = {value.Number};");
        }

        text.AppendLine($"{indent}}}");
    }

    private static void Message(StringBuilder text, MessageDescriptor message, string indent)
    {
        text.AppendLine($"{indent}message {message.Name} {{");
        var inner = indent + "  ";
        foreach (var e in message.EnumTypes)
        {
            Enum(text, e, inner);
        }

        foreach (var nested in message.NestedTypes.Where(n => n.GetOptions()?.MapEntry != true))
        {
            Message(text, nested, inner);
        }

        var printed = new HashSet<int>();
        foreach (var field in message.Fields.InDeclarationOrder().Where(f => !printed.Contains(f.FieldNumber)))
        {
            if (field.RealContainingOneof is { } oneof)
            {
                text.AppendLine($"{inner}oneof {oneof.Name} {{");
                foreach (var member in oneof.Fields)
                {
                    Field(text, member, inner + "  ");
                    printed.Add(member.FieldNumber);
                }

                text.AppendLine($"{inner}}}");
                continue;
            }

            Field(text, field, inner);
            printed.Add(field.FieldNumber);
        }

        text.AppendLine($"{indent}}}");
    }

    private static void Field(StringBuilder text, FieldDescriptor field, string indent)
    {
        var type = field.IsMap
            ? $"map<{TypeName(field.MessageType.FindFieldByNumber(1))}, {TypeName(field.MessageType.FindFieldByNumber(2))}>"
            : (field.IsRepeated ? "repeated " : field.ContainingOneof is { IsSynthetic: true } ? "optional " : "") + TypeName(field);
        text.AppendLine($"{indent}{type} {field.Name} = {field.FieldNumber};");
    }

    private static string TypeName(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => "." + field.MessageType.FullName,
        FieldType.Enum => "." + field.EnumType.FullName,
        var scalar => scalar.ToString().ToLowerInvariant(),
    };
}
