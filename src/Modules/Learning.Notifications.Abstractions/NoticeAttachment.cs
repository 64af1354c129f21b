namespace Learning.Notifications;

/// <summary>A file sent with the e-mail (a certificate PDF, a report), stored with the notification until it is sent.</summary>
public sealed record NoticeAttachment(string FileName, string ContentType, byte[] Content);
