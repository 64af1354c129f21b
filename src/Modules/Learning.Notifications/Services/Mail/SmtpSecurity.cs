namespace Learning.Notifications.Services.Mail;

/// <summary>How the connection to the SMTP server is secured (MailKit's <c>SecureSocketOptions</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text: only for a server on this machine or a closed network.</summary>
    None,

    /// <summary>Connect in plain text, then STARTTLS; refused if the server does not offer it (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on port 465, STARTTLS when the server offers it elsewhere, otherwise plain text.</summary>
    Auto,
}
