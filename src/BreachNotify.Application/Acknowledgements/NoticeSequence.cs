namespace BreachNotify.Application.Acknowledgements;

/// <summary>Which of an incident's notices a recipient's notice is.</summary>
public enum NoticeSequence
{
    First,
    FollowUp,
    Closing,
}
