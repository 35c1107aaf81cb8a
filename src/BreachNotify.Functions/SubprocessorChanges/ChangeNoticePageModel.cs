using BreachNotify.Functions.Pages;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>
/// What a sub-processor change notice's page shows: the change and the customer's answers; the forms while it takes
/// answers (<see cref="Closed"/> says why not), or <see cref="Recorded"/> when the page answers a form.
/// </summary>
public sealed record ChangeNoticePageModel(SubprocessorChangeState Change, NoticeRecord Notice, string Processor, string? Closed, PageForm? Form, string? Recorded)
{
    public ObjectionWindow? Window => Change.Window(Notice.PartyId);

    public Objection? Objection => Change.ObjectionOf(Notice.PartyId);
}
