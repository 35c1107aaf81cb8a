using BreachNotify.Notices;

namespace BreachNotify.Tests.Notices;

public sealed class NoticeDeliveryEventTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EventAt = new(2026, 11, 20, 8, 59, 0, TimeSpan.Zero);
    private static readonly TimeSpan AlertLease = TimeSpan.FromMinutes(2);

    /// <summary>A notice in each status as the sender and the earlier events leave it (a bounce's alert already sent).</summary>
    private static Notice In(NoticeStatus status) => status switch
    {
        NoticeStatus.Pending => Notice.Planned,
        NoticeStatus.Sending => new Notice { Status = NoticeStatus.Sending, Attempts = 1, SendingSince = Now.AddMinutes(-1) },
        NoticeStatus.Sent => new Notice { Status = NoticeStatus.Sent, Attempts = 1, SentAt = Now.AddMinutes(-1) },
        NoticeStatus.Delivered => new Notice { Status = NoticeStatus.Delivered, Attempts = 1, SentAt = Now.AddMinutes(-2), DeliveredAt = Now.AddMinutes(-1) },
        NoticeStatus.Bounced => new Notice
        {
            Status = NoticeStatus.Bounced, Attempts = 1, SentAt = Now.AddMinutes(-3), BouncedAt = Now.AddMinutes(-2), LastError = "bounce (bounce): earlier",
            BounceAlertClaimedAt = Now.AddMinutes(-2), BounceAlertedAt = Now.AddMinutes(-2),
        },
        NoticeStatus.Failed => new Notice { Status = NoticeStatus.Failed, Attempts = 1, LastError = "400 bad request" },
        NoticeStatus.Acknowledged => new Notice { Status = NoticeStatus.Acknowledged, Attempts = 1, SentAt = Now.AddMinutes(-3), AcknowledgedAt = Now.AddMinutes(-1) },
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Which event wins over which: the status each event leaves a notice in, from each status.</summary>
    [Theory]
    [InlineData(NoticeStatus.Pending, DeliveryEventKind.Delivered, NoticeStatus.Delivered, NoticeOutcome.Applied, false)]
    [InlineData(NoticeStatus.Sending, DeliveryEventKind.Delivered, NoticeStatus.Delivered, NoticeOutcome.Applied, false)]
    [InlineData(NoticeStatus.Sent, DeliveryEventKind.Delivered, NoticeStatus.Delivered, NoticeOutcome.Applied, false)]
    [InlineData(NoticeStatus.Delivered, DeliveryEventKind.Delivered, NoticeStatus.Delivered, NoticeOutcome.Unchanged, false)]
    [InlineData(NoticeStatus.Bounced, DeliveryEventKind.Delivered, NoticeStatus.Bounced, NoticeOutcome.Unchanged, false)]
    [InlineData(NoticeStatus.Failed, DeliveryEventKind.Delivered, NoticeStatus.Delivered, NoticeOutcome.Applied, false)]
    [InlineData(NoticeStatus.Acknowledged, DeliveryEventKind.Delivered, NoticeStatus.Acknowledged, NoticeOutcome.Applied, false)]
    [InlineData(NoticeStatus.Pending, DeliveryEventKind.Deferred, NoticeStatus.Pending, NoticeOutcome.Applied, false)]
    [InlineData(NoticeStatus.Sending, DeliveryEventKind.Deferred, NoticeStatus.Sending, NoticeOutcome.Applied, false)]
    [InlineData(NoticeStatus.Sent, DeliveryEventKind.Deferred, NoticeStatus.Sent, NoticeOutcome.Applied, false)]
    [InlineData(NoticeStatus.Delivered, DeliveryEventKind.Deferred, NoticeStatus.Delivered, NoticeOutcome.Unchanged, false)]
    [InlineData(NoticeStatus.Bounced, DeliveryEventKind.Deferred, NoticeStatus.Bounced, NoticeOutcome.Unchanged, false)]
    [InlineData(NoticeStatus.Failed, DeliveryEventKind.Deferred, NoticeStatus.Failed, NoticeOutcome.Unchanged, false)]
    [InlineData(NoticeStatus.Acknowledged, DeliveryEventKind.Deferred, NoticeStatus.Acknowledged, NoticeOutcome.Unchanged, false)]
    [InlineData(NoticeStatus.Pending, DeliveryEventKind.Bounce, NoticeStatus.Bounced, NoticeOutcome.Applied, true)]
    [InlineData(NoticeStatus.Sending, DeliveryEventKind.Bounce, NoticeStatus.Bounced, NoticeOutcome.Applied, true)]
    [InlineData(NoticeStatus.Sent, DeliveryEventKind.Bounce, NoticeStatus.Bounced, NoticeOutcome.Applied, true)]
    [InlineData(NoticeStatus.Delivered, DeliveryEventKind.Bounce, NoticeStatus.Bounced, NoticeOutcome.Applied, true)]
    [InlineData(NoticeStatus.Bounced, DeliveryEventKind.Bounce, NoticeStatus.Bounced, NoticeOutcome.Unchanged, false)]
    [InlineData(NoticeStatus.Failed, DeliveryEventKind.Bounce, NoticeStatus.Bounced, NoticeOutcome.Applied, true)]
    [InlineData(NoticeStatus.Acknowledged, DeliveryEventKind.Bounce, NoticeStatus.Acknowledged, NoticeOutcome.Applied, false)]
    [InlineData(NoticeStatus.Pending, DeliveryEventKind.Dropped, NoticeStatus.Bounced, NoticeOutcome.Applied, true)]
    [InlineData(NoticeStatus.Sent, DeliveryEventKind.Dropped, NoticeStatus.Bounced, NoticeOutcome.Applied, true)]
    [InlineData(NoticeStatus.Delivered, DeliveryEventKind.Dropped, NoticeStatus.Bounced, NoticeOutcome.Applied, true)]
    [InlineData(NoticeStatus.Bounced, DeliveryEventKind.Dropped, NoticeStatus.Bounced, NoticeOutcome.Unchanged, false)]
    [InlineData(NoticeStatus.Acknowledged, DeliveryEventKind.Dropped, NoticeStatus.Acknowledged, NoticeOutcome.Applied, false)]
    [InlineData(NoticeStatus.Sent, DeliveryEventKind.Other, NoticeStatus.Sent, NoticeOutcome.Unchanged, false)]
    [InlineData(NoticeStatus.Delivered, DeliveryEventKind.Other, NoticeStatus.Delivered, NoticeOutcome.Unchanged, false)]
    [InlineData(NoticeStatus.Bounced, DeliveryEventKind.Other, NoticeStatus.Bounced, NoticeOutcome.Unchanged, false)]
    public void ApplyDeliveryEvent_Precedence(NoticeStatus from, DeliveryEventKind kind, NoticeStatus expected, NoticeOutcome outcome, bool alertsCommanders)
    {
        var step = In(from).ApplyDeliveryEvent(new DeliveryReport(kind, EventAt, "550 no such user", "blocked"), Now, AlertLease);

        Assert.Equal(expected, step.Next.Status);
        Assert.Equal(outcome, step.Outcome);
        Assert.Equal(alertsCommanders, step.Effects.HasFlag(NoticeEffects.AlertCommandersOfBounce));
        Assert.Equal(outcome == NoticeOutcome.Applied || alertsCommanders, step.Writes);
    }

    [Fact]
    public void Delivered_RecordsTheEventsTime_AndClearsAnEarlierDeferral()
    {
        var sent = In(NoticeStatus.Sent) with { LastError = "deferred: mailbox full" };

        var step = sent.ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Delivered, EventAt), Now, AlertLease);

        Assert.Equal(EventAt, step.Next.DeliveredAt);
        Assert.Null(step.Next.LastError);
    }

    [Fact]
    public void Delivered_WithoutATime_IsRecordedAtNow()
    {
        var step = In(NoticeStatus.Sent).ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Delivered, null), Now, AlertLease);

        Assert.Equal(Now, step.Next.DeliveredAt);
    }

    [Fact]
    public void Delivered_OnAnAcknowledgedNotice_KeepsItsStatus_AndGainsItsDeliveryTimeOnce()
    {
        var first = In(NoticeStatus.Acknowledged).ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Delivered, EventAt), Now, AlertLease);
        var again = first.Next.ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Delivered, EventAt.AddMinutes(5)), Now, AlertLease);

        Assert.Equal(NoticeStatus.Acknowledged, first.Next.Status);
        Assert.Equal(EventAt, first.Next.DeliveredAt);
        Assert.Equal(NoticeOutcome.Unchanged, again.Outcome);
        Assert.Equal(EventAt, again.Next.DeliveredAt);
    }

    [Fact]
    public void LateDelivered_AfterABounce_DoesNotUndoIt()
    {
        var bounced = In(NoticeStatus.Sent).ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Bounce, EventAt, "550 no such user", "blocked"), Now, AlertLease).Next;

        var late = bounced.ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Delivered, EventAt.AddMinutes(-1)), Now, AlertLease);

        Assert.Equal(NoticeStatus.Bounced, late.Next.Status);
        Assert.Null(late.Next.DeliveredAt);
        Assert.False(late.Writes);
    }

    [Fact]
    public void Bounce_AfterDelivered_Wins_WithTheProvidersReasonAndTime_AndClaimsTheAlert()
    {
        var step = In(NoticeStatus.Delivered).ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Bounce, EventAt, "550 no such user", "blocked"), Now, AlertLease);

        Assert.Equal(NoticeStatus.Bounced, step.Next.Status);
        Assert.Equal(EventAt, step.Next.BouncedAt);
        Assert.Equal("bounce (blocked): 550 no such user", step.Next.LastError);
        Assert.Equal(Now, step.Next.BounceAlertClaimedAt);
        Assert.Null(step.Next.BounceAlertedAt);
    }

    [Theory]
    [InlineData(DeliveryEventKind.Bounce, null, null, "bounce (bounce): no reason given")]
    [InlineData(DeliveryEventKind.Bounce, "mailbox unknown", "soft", "bounce (soft): mailbox unknown")]
    [InlineData(DeliveryEventKind.Dropped, "Bounced Address", null, "dropped: Bounced Address")]
    [InlineData(DeliveryEventKind.Dropped, null, null, "dropped: no reason given")]
    public void Bounce_RecordsWhy(DeliveryEventKind kind, string? reason, string? bounceType, string expected)
    {
        var step = In(NoticeStatus.Sent).ApplyDeliveryEvent(new DeliveryReport(kind, EventAt, reason, bounceType), Now, AlertLease);

        Assert.Equal(expected, step.Next.LastError);
    }

    [Fact]
    public void Bounce_OnAnAcknowledgedNotice_KeepsTheStatus_RecordsTheProvidersWordOnce_AndAlertsNobody()
    {
        var bounce = new DeliveryReport(DeliveryEventKind.Bounce, EventAt, "550 no such user", "blocked");

        var first = In(NoticeStatus.Acknowledged).ApplyDeliveryEvent(bounce, Now, AlertLease);
        var again = first.Next.ApplyDeliveryEvent(bounce, Now, AlertLease);

        Assert.Equal(NoticeStatus.Acknowledged, first.Next.Status);
        Assert.Equal("bounce (blocked): 550 no such user", first.Next.LastError);
        Assert.Null(first.Next.BouncedAt);
        Assert.Equal(NoticeOutcome.Unchanged, again.Outcome);
        Assert.False(again.Writes);
    }

    [Fact]
    public void RepeatedBounce_WhileAnotherRequestHoldsTheAlert_ChangesNothing()
    {
        var bounce = new DeliveryReport(DeliveryEventKind.Bounce, EventAt, "550 no such user", "blocked");
        var bounced = In(NoticeStatus.Sent).ApplyDeliveryEvent(bounce, Now, AlertLease).Next;

        var repeat = bounced.ApplyDeliveryEvent(bounce, Now.AddMinutes(1), AlertLease);

        Assert.False(repeat.Writes);
        Assert.Equal(NoticeEffects.None, repeat.Effects);
        Assert.True(repeat.Next.BounceAlertOwed);
    }

    [Fact]
    public void RepeatedBounce_PastTheAlertClaimsLease_ClaimsTheAlertAgain_WithoutCountingAsApplied()
    {
        var bounce = new DeliveryReport(DeliveryEventKind.Bounce, EventAt, "550 no such user", "blocked");
        var bounced = In(NoticeStatus.Sent).ApplyDeliveryEvent(bounce, Now, AlertLease).Next;

        var repeat = bounced.ApplyDeliveryEvent(bounce, Now.AddMinutes(2), AlertLease);

        Assert.Equal(NoticeOutcome.Unchanged, repeat.Outcome);
        Assert.True(repeat.Writes);
        Assert.Equal(NoticeEffects.AlertCommandersOfBounce, repeat.Effects);
        Assert.Equal(Now.AddMinutes(2), repeat.Next.BounceAlertClaimedAt);
        Assert.Equal(EventAt, repeat.Next.BouncedAt);
    }

    [Fact]
    public void RepeatedBounce_AfterTheAlertWasReleased_ClaimsItAgain()
    {
        var bounce = new DeliveryReport(DeliveryEventKind.Bounce, EventAt, "550 no such user", "blocked");
        var released = In(NoticeStatus.Sent).ApplyDeliveryEvent(bounce, Now, AlertLease).Next.ReleaseBounceAlert(Now);

        var repeat = released.Next.ApplyDeliveryEvent(bounce, Now.AddSeconds(10), AlertLease);

        Assert.True(released.Applied);
        Assert.Null(released.Next.BounceAlertClaimedAt);
        Assert.Equal(NoticeEffects.AlertCommandersOfBounce, repeat.Effects);
        Assert.Equal(Now.AddSeconds(10), repeat.Next.BounceAlertClaimedAt);
    }

    [Fact]
    public void BounceAlert_OnceSent_IsNeitherReleasedNorClaimedAgain()
    {
        var bounce = new DeliveryReport(DeliveryEventKind.Bounce, EventAt, "550 no such user", "blocked");
        var sent = In(NoticeStatus.Sent).ApplyDeliveryEvent(bounce, Now, AlertLease).Next.RecordBounceAlertSent(Now.AddSeconds(1)).Next;

        Assert.Equal(Now.AddSeconds(1), sent.BounceAlertedAt);
        Assert.False(sent.BounceAlertOwed);
        Assert.Equal(NoticeOutcome.Refused, sent.ReleaseBounceAlert(Now).Outcome);
        Assert.Equal(NoticeOutcome.Unchanged, sent.RecordBounceAlertSent(Now.AddSeconds(2)).Outcome);
        Assert.False(sent.ApplyDeliveryEvent(bounce, Now.AddHours(1), AlertLease).Writes);
    }

    [Fact]
    public void ReleaseBounceAlert_ClaimedMeanwhileByAnotherRequest_IsRefused()
    {
        var reclaimed = In(NoticeStatus.Bounced) with { BounceAlertedAt = null, BounceAlertClaimedAt = Now.AddMinutes(3) };

        Assert.Equal(NoticeOutcome.Refused, reclaimed.ReleaseBounceAlert(Now).Outcome);
    }

    [Fact]
    public void Deferred_RecordsItsReasonOnce_WhileTheNoticeIsOnItsWay()
    {
        var deferral = new DeliveryReport(DeliveryEventKind.Deferred, EventAt, "mailbox full");

        var first = In(NoticeStatus.Sent).ApplyDeliveryEvent(deferral, Now, AlertLease);
        var again = first.Next.ApplyDeliveryEvent(deferral, Now, AlertLease);
        var other = first.Next.ApplyDeliveryEvent(deferral with { Reason = null }, Now, AlertLease);

        Assert.Equal("deferred: mailbox full", first.Next.LastError);
        Assert.Equal(NoticeOutcome.Unchanged, again.Outcome);
        Assert.Equal("deferred: no reason given", other.Next.LastError);
    }

    [Fact]
    public void EventsInAnyOrder_EndInTheSameStatusAndError()
    {
        var delivered = new DeliveryReport(DeliveryEventKind.Delivered, EventAt);
        var bounce = new DeliveryReport(DeliveryEventKind.Bounce, EventAt.AddMinutes(1), "550 no such user", "blocked");
        var deferred = new DeliveryReport(DeliveryEventKind.Deferred, EventAt.AddMinutes(-1), "try later");

        var inOrder = new[] { deferred, delivered, bounce }.Aggregate(In(NoticeStatus.Sent), (n, e) => n.ApplyDeliveryEvent(e, Now, AlertLease).Next);
        var reversed = new[] { bounce, delivered, deferred }.Aggregate(In(NoticeStatus.Sent), (n, e) => n.ApplyDeliveryEvent(e, Now, AlertLease).Next);

        Assert.Equal(NoticeStatus.Bounced, inOrder.Status);
        Assert.Equal(NoticeStatus.Bounced, reversed.Status);
        Assert.Equal("bounce (blocked): 550 no such user", inOrder.LastError);
        Assert.Equal("bounce (blocked): 550 no such user", reversed.LastError);
        Assert.Equal(EventAt.AddMinutes(1), reversed.BouncedAt);
    }
}
