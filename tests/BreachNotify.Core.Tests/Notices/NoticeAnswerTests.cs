using BreachNotify.Acknowledgements;
using BreachNotify.Notices;

namespace BreachNotify.Tests.Notices;

public sealed class NoticeAnswerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = new(2026, 12, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly Notice Sent = new()
    {
        Status = NoticeStatus.Sent, Attempts = 1, FirstAttemptAt = Now.AddHours(-1), SentAt = Now.AddHours(-1), TokenHashes = "h1", TokenExpiresAt = Expiry,
    };

    [Fact]
    public void Acknowledge_RecordsWhoWhenWhyAndFromWhere()
    {
        var step = Sent.Acknowledge("Dana Contoso", "Forwarded to our DPO", "203.0.113.7", Now);

        Assert.Equal(NoticeOutcome.Applied, step.Outcome);
        Assert.Equal(NoticeStatus.Acknowledged, step.Next.Status);
        Assert.Equal(Now, step.Next.AcknowledgedAt);
        Assert.Equal("Dana Contoso", step.Next.AcknowledgedBy);
        Assert.Equal("Forwarded to our DPO", step.Next.AcknowledgementComment);
        Assert.Equal("203.0.113.7", step.Next.AcknowledgedFrom);
    }

    [Fact]
    public void Acknowledge_Twice_TheFirstStands()
    {
        var first = Sent.Acknowledge("Dana", null, null, Now).Next;

        var second = first.Acknowledge("Eve", "me too", null, Now.AddMinutes(1));

        Assert.Equal(NoticeOutcome.Unchanged, second.Outcome);
        Assert.Equal("Dana", second.Next.AcknowledgedBy);
        Assert.Equal(Now, second.Next.AcknowledgedAt);
    }

    [Fact]
    public void Acknowledge_AfterTheLinksExpired_IsRefused_ButAnAcknowledgedNoticeStaysReadable()
    {
        var late = Sent.Acknowledge("Dana", null, null, Expiry.AddSeconds(1));
        var acknowledged = Sent.Acknowledge("Dana", null, null, Now).Next;

        Assert.Equal(NoticeOutcome.Refused, late.Outcome);
        Assert.True(Sent.LinkExpired(Expiry.AddSeconds(1)));
        Assert.False(Sent.LinkExpired(Expiry));
        Assert.False(acknowledged.LinkExpired(Expiry.AddDays(1)));
        Assert.Equal(NoticeOutcome.Unchanged, acknowledged.Acknowledge("Dana", null, null, Expiry.AddDays(1)).Outcome);
    }

    [Theory]
    [InlineData(NoticeStatus.Pending)]
    [InlineData(NoticeStatus.Delivered)]
    [InlineData(NoticeStatus.Bounced)]
    [InlineData(NoticeStatus.Failed)]
    public void Acknowledge_InAnyStatus_IsRecorded_BecauseItReachedThem(NoticeStatus status)
    {
        var step = (Sent with { Status = status }).Acknowledge("Dana", null, null, Now);

        Assert.Equal(NoticeStatus.Acknowledged, step.Next.Status);
    }

    [Fact]
    public void AcceptsToken_EveryLinkTheNoticeGaveOut()
    {
        var first = AcknowledgementToken.Create("inc-1", "n00000", new byte[AcknowledgementToken.SecretBytes]);
        var second = AcknowledgementToken.Create("inc-1", "n00000", Enumerable.Repeat((byte)1, AcknowledgementToken.SecretBytes).ToArray());
        var stranger = AcknowledgementToken.Create("inc-1", "n00000", Enumerable.Repeat((byte)2, AcknowledgementToken.SecretBytes).ToArray());
        var claimed = Notice.Planned.Claim(Now, TimeSpan.FromMinutes(1), first.Hash, Expiry).Next;
        var sent = (claimed with { Status = NoticeStatus.Sent }).RecordReminder(0, second.Hash, Expiry).Next;

        Assert.True(claimed.AcceptsToken(first));
        Assert.False(claimed.AcceptsToken(second));
        Assert.True(sent.AcceptsToken(first));
        Assert.True(sent.AcceptsToken(second));
        Assert.False(sent.AcceptsToken(stranger));
    }

    [Fact]
    public void RecordReminder_AdvancesTheRound_WithTheRemindersLink_KeepingTheEarlierOnes()
    {
        var step = Sent.RecordReminder(0, "h2", Expiry.AddDays(3));

        Assert.Equal(NoticeOutcome.Applied, step.Outcome);
        Assert.Equal(1, step.Next.ReminderCount);
        Assert.Equal("h1,h2", step.Next.TokenHashes);
        Assert.Equal(Expiry.AddDays(3), step.Next.TokenExpiresAt);
    }

    [Fact]
    public void RecordReminder_TheEscalationRound_AdvancesItWithoutALink()
    {
        var step = (Sent with { ReminderCount = 3 }).RecordReminder(3);

        Assert.Equal(4, step.Next.ReminderCount);
        Assert.Equal("h1", step.Next.TokenHashes);
        Assert.Equal(Expiry, step.Next.TokenExpiresAt);
    }

    [Fact]
    public void RecordReminder_ARoundDoneAlready_IsRefused_SoARedeliveredTimerSendsNothing()
    {
        var once = Sent.RecordReminder(0, "h2", Expiry).Next;

        Assert.Equal(NoticeOutcome.Refused, once.RecordReminder(0, "h3", Expiry).Outcome);
        Assert.Equal(NoticeOutcome.Applied, once.RecordReminder(1, "h3", Expiry).Outcome);
    }

    [Theory]
    [InlineData(NoticeStatus.Pending)]
    [InlineData(NoticeStatus.Sending)]
    [InlineData(NoticeStatus.Bounced)]
    [InlineData(NoticeStatus.Failed)]
    [InlineData(NoticeStatus.Acknowledged)]
    public void RecordReminder_ANoticeNotSentOrAlreadyAnswered_IsRefused(NoticeStatus status)
    {
        Assert.Equal(NoticeOutcome.Refused, (Sent with { Status = status }).RecordReminder(0, "h2", Expiry).Outcome);
    }

    [Fact]
    public void RecordReminder_ADeliveredNotice_IsReminded()
    {
        Assert.Equal(NoticeOutcome.Applied, (Sent with { Status = NoticeStatus.Delivered }).RecordReminder(0, "h2", Expiry).Outcome);
    }

    [Fact]
    public void RecordObjection_OnceOnly()
    {
        var first = Sent.RecordObjection("Dana", "Data must stay in the EU", Now);
        var second = first.Next.RecordObjection("Eve", "Another", Now.AddMinutes(1));

        Assert.Equal(Now, first.Next.ObjectedAt);
        Assert.Equal("Dana", first.Next.ObjectedBy);
        Assert.Equal("Data must stay in the EU", first.Next.ObjectionReason);
        Assert.Equal(NoticeOutcome.Refused, second.Outcome);
        Assert.Equal("Dana", second.Next.ObjectedBy);
    }

    [Fact]
    public void RetractObjection_ClearsIt_UnlessItsReceiptWentOut()
    {
        var objected = Sent.RecordObjection("Dana", "Data must stay in the EU", Now).Next;

        var retracted = objected.RetractObjection();
        var afterReceipt = objected.MarkObjectionReceiptSent(Now.AddMinutes(1)).Next.RetractObjection();

        Assert.Equal(Sent, retracted.Next);
        Assert.Equal(NoticeOutcome.Refused, afterReceipt.Outcome);
        Assert.Equal(NoticeOutcome.Refused, Sent.RetractObjection().Outcome);
    }

    [Fact]
    public void MarkObjectionReceiptSent_OnceAndOnlyForAnObjection()
    {
        var objected = Sent.RecordObjection("Dana", "Data must stay in the EU", Now).Next;

        var marked = objected.MarkObjectionReceiptSent(Now.AddMinutes(1));

        Assert.Equal(Now.AddMinutes(1), marked.Next.ObjectionReceiptSentAt);
        Assert.Equal(NoticeOutcome.Refused, marked.Next.MarkObjectionReceiptSent(Now.AddMinutes(2)).Outcome);
        Assert.Equal(NoticeOutcome.Refused, Sent.MarkObjectionReceiptSent(Now).Outcome);
    }

    [Fact]
    public void MarkWithdrawalSent_OnceAndOnlyForANoticeThatWentOut()
    {
        var marked = Sent.MarkWithdrawalSent(Now);

        Assert.Equal(Now, marked.Next.WithdrawalSentAt);
        Assert.Equal(NoticeOutcome.Refused, marked.Next.MarkWithdrawalSent(Now.AddMinutes(1)).Outcome);
        Assert.Equal(NoticeOutcome.Refused, Notice.Planned.MarkWithdrawalSent(Now).Outcome);
    }
}
