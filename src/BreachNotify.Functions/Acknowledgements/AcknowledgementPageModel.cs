using BreachNotify.Functions.Pages;

namespace BreachNotify.Functions.Acknowledgements;

/// <summary>
/// What a breach notice's page shows: the notice, where its acknowledgement stands, and the form while it is open;
/// <see cref="Answered"/> when the page answers the form's POST.
/// </summary>
public sealed record AcknowledgementPageModel(
    string From,
    string To,
    string IncidentId,
    string NoticeId,
    NoticeSequence Sequence,
    int SequenceNumber,
    string? RefersTo,
    DateTimeOffset? SentAt,
    DateTimeOffset DueAt,
    AcknowledgementState State,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    PageForm? Form,
    string? PackPath,
    bool Answered)
{
    public static AcknowledgementPageModel Of(NoticeRecord notice, string processorName, AcknowledgementState state, PageForm? form, string? packPath, bool answered) => new(
        processorName, notice.PartyName, notice.IncidentId, notice.NoticeId,
        notice.NoticeKind switch
        {
            "followUp" => NoticeSequence.FollowUp,
            "closing" => NoticeSequence.Closing,
            _ => NoticeSequence.First,
        },
        notice.Sequence, notice.RefersTo, notice.SentAt, notice.DueAt, state, notice.AcknowledgedAt, notice.AcknowledgedBy, form, packPath, answered);
}
