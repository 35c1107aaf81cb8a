namespace BreachNotify.OtherNotices;

/// <summary>Why a command was refused, as the HTTP edge maps it (400, 404, 409).</summary>
public enum MatterRefusalKind
{
    Invalid,
    NotFound,
    Conflict,
}
