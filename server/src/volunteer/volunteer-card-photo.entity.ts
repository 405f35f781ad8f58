import type { CardPhotoType } from '@pioneer/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A card's photo, its metadata (EXIF, text chunks: possibly a location) stripped before it is stored. */
@Entity({ name: 'volunteer_card_photos' })
export class VolunteerCardPhoto {
  @PrimaryColumn({ name: 'card_id', type: 'uuid' })
  cardId: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: CardPhotoType;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
