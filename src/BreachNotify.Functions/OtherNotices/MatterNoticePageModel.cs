using BreachNotify.Functions.Pages;
using BreachNotify.OtherNotices;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>What a matter notice's page shows: the matter, the customer's answer, the form while it has none, or <see cref="Recorded"/> when the page answers the form.</summary>
public sealed record MatterNoticePageModel(MatterState State, NoticeRecord Notice, string Processor, PageForm? Form, string? Recorded)
{
    public OtherMatter Matter => State.Matter!;

    public bool IsDataSubjectRequest => Matter.Kind == OtherNoticeKind.DataSubjectRequest;

    public MatterAcknowledgement? Acknowledgement => State.AcknowledgementOf(Notice.PartyId);
}
