
namespace BreachNotify.Application.Matters;

/// <summary>
/// A kind of matter, as the notice engine needs it (a port: one adapter per kind). It loads the matter when its notices are
/// due (approved, not withdrawn) and applies what a recipient's acknowledgement means to it. Adding a kind is one more
/// implementation; the engine does not change.
/// </summary>
public interface INoticeSource
{
    MatterKind Kind { get; }

    /// <summary>Whether <paramref name="matterId"/> is a well-formed id of this kind.</summary>
    bool Owns(string matterId);

    /// <summary>The matter, while it sends (and reminds): null when it does not exist or its notices are not, or no longer, due.</summary>
    Task<INoticeMatter?> LoadSendingAsync(string matterId, CancellationToken cancellationToken);

    /// <summary>
    /// The matter's notices of round <paramref name="phase"/> (0 the first; a breach incident's follow-ups and closing above),
    /// while they are due. A kind without phases has only phase 0.
    /// </summary>
    Task<INoticeMatter?> LoadSendingAsync(string matterId, int phase, CancellationToken cancellationToken) =>
        phase == 0 ? LoadSendingAsync(matterId, cancellationToken) : Task.FromResult<INoticeMatter?>(null);

    /// <summary>
    /// Freezes the recipients of round <paramref name="phase"/> in rows of their own if its kind does that at the fan-out's first
    /// step (a breach incident's first notices), idempotently; a kind that freezes at approval (the others) does nothing here.
    /// </summary>
    Task FreezeAsync(string matterId, int phase, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What an acknowledgement, once recorded on <paramref name="notice"/>, does to the matter (an incident: nothing more).</summary>
    Task AcknowledgedAsync(NoticeRecord notice, CancellationToken cancellationToken);
}
