namespace Portal.Provisioning.Jobs;

/// <summary>Why a running job was asked to stop.</summary>
internal enum StopReason
{
    None,
    Cancel,
    ForcedCancel,
    Shutdown,
    LeaseLost,
}
