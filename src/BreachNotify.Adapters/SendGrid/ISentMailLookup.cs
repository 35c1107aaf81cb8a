namespace BreachNotify.Adapters.SendGrid;

/// <summary>Asks the provider whether it already accepted a notice, before a crashed send is repeated.</summary>
public interface ISentMailLookup
{
    /// <summary>True or false when the provider knows; null when it cannot be asked (then the notice is resent).</summary>
    Task<bool?> WasAcceptedAsync(string noticeRef, CancellationToken cancellationToken = default);
}
