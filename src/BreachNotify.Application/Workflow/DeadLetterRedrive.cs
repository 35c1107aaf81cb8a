using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Application.Workflow;

public enum RedriveOutcome
{
    /// <summary>The stored body is back on the workflow queue and the letter is gone.</summary>
    Redriven,

    /// <summary>No letter with that message id (already re-driven, or never there).</summary>
    NotFound,

    /// <summary>The stored body is not a work item; sending it again could only fail again. The letter stays.</summary>
    NotAWorkItem,
}

/// <summary>
/// Re-drives a dead letter: sends its stored body (a serialized <see cref="WorkItem"/>) back to the workflow queue as a
/// fresh message, then removes the letter. Sending first means a crash in between leaves a duplicate message, which the
/// idempotent handlers absorb, never a lost one. Shared by the console and anything else (an API, a CLI).
/// </summary>
public sealed class DeadLetterRedrive(DeadLetterStore deadLetters, StorageClients clients, ILogger<DeadLetterRedrive> logger)
{
    public async Task<RedriveOutcome> RedriveAsync(string messageId, string actor, CancellationToken cancellationToken = default)
    {
        if (await deadLetters.GetAsync(messageId, cancellationToken) is not { } letter)
        {
            return RedriveOutcome.NotFound;
        }

        if (!IsWorkItem(letter.Body))
        {
            return RedriveOutcome.NotAWorkItem;
        }

        await clients.WorkflowQueue.SendMessageAsync(letter.Body, cancellationToken: cancellationToken);
        await deadLetters.RemoveAsync(messageId, cancellationToken);
        logger.Redriven(messageId, letter.IncidentId, actor);
        return RedriveOutcome.Redriven;
    }

    private static bool IsWorkItem(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkItem>(body, BreachNotify.DomainJson.Options) is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

internal static partial class DeadLetterRedriveLogs
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Dead letter {MessageId} of incident {IncidentId} re-driven by {Actor}")]
    public static partial void Redriven(this ILogger logger, string messageId, string? incidentId, string actor);
}
