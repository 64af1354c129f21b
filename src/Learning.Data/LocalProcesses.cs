namespace Learning.Data;

/// <summary>Processes of this machine, for work a process left behind when it was killed (held jobs, temporary folders).</summary>
public static class LocalProcesses
{
    /// <summary>Whether a process with this id runs on this machine (in this process-id namespace).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
