using BreachNotify.SubprocessorChanges;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.SubprocessorChanges;

/// <summary>Builds a valid change on the sample directory (add a sub-processor to core-platform, 60 days out), so a test sets only what it is about.</summary>
internal sealed class ChangeBuilder
{
    private SubprocessorChange _change = new()
    {
        Kind = ChangeKind.Add,
        Subprocessor = new SubprocessorEntry("mail-relay", "Example mail relay", "Example Mail Ltd", "Transactional email", "IE"),
        Services = ["core-platform"],
        EffectiveAt = TestData.Now.AddDays(60),
    };

    public ChangeBuilder With(Func<SubprocessorChange, SubprocessorChange> change)
    {
        _change = change(_change);
        return this;
    }

    public ChangeBuilder EffectiveIn(double days) => With(c => c with { EffectiveAt = TestData.Now.AddDays(days) });

    public ChangeBuilder ForServices(params string[] services) => With(c => c with { Services = services });

    public ChangeBuilder InRegions(params string[] regions) => With(c => c with { Regions = regions });

    public SubprocessorChange Build() => _change;

    public AnnounceChange Announce(string commander = "ic-primary") => new(_change, commander);
}
