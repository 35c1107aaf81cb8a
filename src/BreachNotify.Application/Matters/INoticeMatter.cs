using BreachNotify.Notices;

namespace BreachNotify.Application.Matters;

/// <summary>
/// One matter whose notices are being sent, as the engine (fan-out, send, reminders) sees it: how many recipients it
/// has and who they are (by position, so a send item builds only its slice), what each is sent, and when a notice still
/// waits for an answer. Its kind supplies it (<see cref="INoticeSource"/>); the engine knows nothing else of the matter.
/// </summary>
public interface INoticeMatter
{
    string Id { get; }

    /// <summary>When the matter's clock started (an incident's awareness): the notices' latency is measured from it.</summary>
    DateTimeOffset StartedAt { get; }

    int RecipientCount { get; }

    /// <summary>The matter's kind in a customer's register when the engine's kind has sub-kinds (the other notices); null: the engine's kind.</summary>
    string? KindName => null;

    /// <summary>The commanders' page of the matter, the link in their mails.</summary>
    string Url { get; }

    /// <summary>
    /// The recipients at positions <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive); a position is its notice's id.
    /// Read from the rows frozen for the matter (<see cref="FrozenRecipientStore"/>, a later phase's notice rows), never the live directory.
    /// </summary>
    Task<IReadOnlyList<Recipient>> RecipientsAsync(int from, int to, CancellationToken cancellationToken);

    /// <summary>Recipients with equal keys share one rendering of their notice (and a SendGrid request).</summary>
    object TemplateKey(Recipient recipient);

    /// <summary>The notice every recipient of <paramref name="recipient"/>'s <see cref="TemplateKey"/> gets; per-recipient values are tags.</summary>
    NoticeContent ComposeShared(Recipient recipient);

    /// <summary>The tag values of one recipient (substitutions).</summary>
    IReadOnlyDictionary<string, string> PartyValues(Recipient recipient);

    /// <summary>One recipient's notice with its values put in (its link still a tag): the webhook body.</summary>
    NoticeContent Compose(Recipient recipient);

    object ReminderKey(Recipient recipient);

    NoticeContent ComposeReminderShared(Recipient recipient);

    /// <summary>The commanders' mail after the last reminder: <paramref name="silentCount"/> notices are still unanswered.</summary>
    NoticeContent ComposeEscalation(int silentCount, int reminderCount, string? locale);

    /// <summary>Whether a sent notice still waits for its recipient's answer (reminders go only to those).</summary>
    bool AwaitsAnswer(NoticeRecord notice);

    /// <summary>The wait before reminder round <paramref name="round"/> (0 the first) of a storage batch.</summary>
    TimeSpan ReminderInterval(int round);
}
