using System.Text.Json;
using BreachNotify.Functions.Workflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Under the Azure Functions host: the queue and timer triggers arrive as invocation requests
/// (<c>POST /{FunctionName}</c> with <c>Data</c> and <c>Metadata</c>) and reach the same handlers as the standalone workers.
/// Mapped only in that mode, so a standalone deployment exposes no way to inject work.
/// </summary>
public static class FunctionsInvocationEndpoints
{
    public const string WorkflowQueueFunction = "WorkflowQueue";
    public const string OutboxSweepFunction = "OutboxSweep";

    public static IEndpointRouteBuilder MapFunctionsInvocations(this IEndpointRouteBuilder routes)
    {
        routes.MapPost($"/{WorkflowQueueFunction}", async (JsonElement invocation, WorkItemProcessor processor, CancellationToken cancellationToken) =>
        {
            if (Property(invocation, "Data") is not { } data || Property(data, "message") is not { } message)
            {
                return Results.Problem(statusCode: 400, title: "Not a queue-trigger invocation: Data.message is missing");
            }

            var body = message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText();
            var metadata = Property(invocation, "Metadata") ?? default;
            var id = Text(metadata, "Id") ?? "unknown";
            var dequeueCount = long.TryParse(Text(metadata, "DequeueCount"), out var count) ? count : 1;
            var outcome = await processor.ProcessAsync(id, body, dequeueCount, cancellationToken);
            // A failure answers 500 so the host delivers the message again (and poisons it after its own maxDequeueCount).
            return outcome == WorkItemOutcome.Finished ? Results.Json(InvocationResult.Empty, InvocationResult.JsonOptions) : Results.StatusCode(500);
        }).WithName(WorkflowQueueFunction).ExcludeFromDescription();

        routes.MapPost($"/{OutboxSweepFunction}", async (OutboxSweeper sweeper, CancellationToken cancellationToken) =>
        {
            await sweeper.SweepAsync(cancellationToken);
            return Results.Json(InvocationResult.Empty, InvocationResult.JsonOptions);
        }).WithName(OutboxSweepFunction).ExcludeFromDescription();
        return routes;
    }

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { } value ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    /// <summary>The host's payload names are PascalCase; read them without depending on case.</summary>
    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(p => p.NameEquals(name) || string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;
}
