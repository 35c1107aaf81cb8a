using BreachNotify.OtherNotices;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.OtherNotices;

/// <summary>A matter valid as it stands (a law-enforcement request concerning Fabrikam, received at <see cref="TestData.Now"/>).</summary>
internal sealed class MatterBuilder
{
    private OtherMatter _matter = new()
    {
        Kind = OtherNoticeKind.LawEnforcementRequest,
        Customers = ["fabrikam"],
        ReceivedAt = TestData.Now,
        Summary = "Production order for account records",
        Authority = "District Attorney",
    };

    public MatterBuilder OfKind(OtherNoticeKind kind)
    {
        _matter = _matter with { Kind = kind };
        return this;
    }

    public MatterBuilder For(params string[] customers)
    {
        _matter = _matter with { Customers = customers };
        return this;
    }

    public MatterBuilder Subject(string identifier)
    {
        _matter = _matter with { Kind = OtherNoticeKind.DataSubjectRequest, SubjectIdentifier = identifier, Customers = [] };
        return this;
    }

    public MatterBuilder ReceivedAt(DateTimeOffset at)
    {
        _matter = _matter with { ReceivedAt = at };
        return this;
    }

    public MatterBuilder RespondBy(DateTimeOffset at)
    {
        _matter = _matter with { RespondBy = at };
        return this;
    }

    public MatterBuilder Prohibited(DateTimeOffset? until, DateTimeOffset? reviewAt = null, string basis = "18 U.S.C. § 2705(b) order")
    {
        _matter = _matter with { Prohibition = new LegalProhibition(basis, until, reviewAt) };
        return this;
    }

    public MatterBuilder With(Func<OtherMatter, OtherMatter> change)
    {
        _matter = change(_matter);
        return this;
    }

    public OtherMatter Build() => _matter;
}
