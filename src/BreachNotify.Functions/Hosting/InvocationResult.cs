namespace BreachNotify.Functions.Hosting;

/// <summary>The custom-handler response body the Functions host expects.</summary>
public sealed record InvocationResult(Dictionary<string, object?> Outputs, string[] Logs, object? ReturnValue)
{
    public static InvocationResult Empty { get; } = new([], [], null);

    /// <summary>The host reads PascalCase names.</summary>
    public static System.Text.Json.JsonSerializerOptions JsonOptions { get; } = new();
}
