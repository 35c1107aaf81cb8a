namespace BreachNotify.OtherNotices;

/// <summary>The notices a DPA owes besides breach and sub-processor change notices (DPA §1(b), §1(e), §2, §3(a), §4).</summary>
public enum OtherNoticeKind
{
    /// <summary>§2(a): a legally binding request by a law-enforcement authority for disclosure of the customer's data.</summary>
    LawEnforcementRequest,

    /// <summary>§2(b): a notice, inquiry or investigation by a supervisory authority concerning the customer's data.</summary>
    SupervisoryInquiry,

    /// <summary>§2(c), §3(a): a complaint or request received directly from one of the customer's data subjects.</summary>
    DataSubjectRequest,

    /// <summary>§1(b): the processor cannot comply with the DPA.</summary>
    CannotComply,

    /// <summary>§1(e): in the processor's opinion an instruction infringes data protection law.</summary>
    InstructionInfringes,

    /// <summary>§4: the law requires processing for another purpose.</summary>
    RequiredProcessing,

    /// <summary>No DPA clause: a test notice, marked as a drill, to the customers' notice contacts, to find broken or unmonitored addresses before a breach.</summary>
    ContactDrill,
}
