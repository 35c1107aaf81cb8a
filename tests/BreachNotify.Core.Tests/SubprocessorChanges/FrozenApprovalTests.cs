using System.Text.Json;
using BreachNotify.Notices;
using BreachNotify.SubprocessorChanges;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.SubprocessorChanges;

/// <summary>An approval's recipients in the state: only their count and versions once frozen in rows; inline (as recorded before) still folds.</summary>
public sealed class FrozenApprovalTests
{
    private static readonly DateTimeOffset Now = TestData.Now;

    [Fact]
    public void Apply_ApprovalFrozenInRows_KeepsOnlyTheCountAndVersions()
    {
        var frozen = new ChangeApproved(Now, "commander:ic", null, [], [], new RecipientFreeze(10_000, "0123456789abcdef", "fedcba9876543210"));

        var state = SubprocessorChangeState.Empty("spc-1").Apply(frozen);

        Assert.Empty(state.Recipients);
        Assert.Equal(10_000, state.RecipientCount);
        Assert.Equal("fedcba9876543210", state.Frozen!.DirectoryVersion);
        Assert.Equal("approved: 10000 notices due", frozen.Describe());
    }

    [Fact]
    public void Replay_OfAnApprovalRecordedInlineBeforeFreezes_ReadsItsListAndCount()
    {
        // As stored before recipients had rows of their own: no "frozen" member.
        const string json = """
            {"event":"approved","at":"2026-12-02T09:00:00+00:00","actor":"commander:ic","comment":null,"windows":[],
             "recipients":[{"customerId":"contoso","contactName":"Privacy","email":"privacy@contoso.example","locale":"de-DE","dueAt":"2026-12-02T09:00:00+00:00"},
                           {"customerId":"woodgrove","contactName":"Privacy","email":"privacy@woodgrove.example","locale":"en-GB","dueAt":"2026-12-02T09:00:00+00:00"}]}
            """;
        var approved = Assert.IsType<ChangeApproved>(JsonSerializer.Deserialize<SubprocessorChangeEvent>(json, DomainJson.Options));

        var state = SubprocessorChangeState.Replay("spc-1", [approved]);

        Assert.Null(state.Frozen);
        Assert.Equal(2, state.RecipientCount);
        Assert.Equal(["privacy@contoso.example", "privacy@woodgrove.example"], state.Recipients.Select(r => r.Email));
    }
}
