"""Following and the notification settings are for signed-in accounts (F25, SPEC §1: any
participant); each acts on the account's own rows only. The one-click unsubscribe link needs
no account: its signed token names the account (kek.follows.tokens)."""

import rules

rules.add_perm("follows.add_follow", rules.is_authenticated)
rules.add_perm("follows.delete_follow", rules.is_authenticated)
rules.add_perm("follows.change_notificationsetting", rules.is_authenticated)
